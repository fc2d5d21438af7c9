using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Stratus.Infra.State;

/// <summary>
/// What the store reads from a terraform state file: the top-level <c>version</c>, <c>serial</c>, <c>lineage</c> and
/// <c>terraform_version</c>, and where the serial's digits are, so a rollback can change the serial and nothing else.
/// The whole document must be one well-formed JSON object.
/// </summary>
internal sealed record StateDocument(int FormatVersion, long Serial, string Lineage, string? TerraformVersion, int SerialStart, int SerialLength)
{
    private const int MaxDepth = 512;
    private const int MaxLineageChars = 256;

    /// <returns>The document, or <c>null</c> with <paramref name="problem"/> saying what is wrong.</returns>
    public static StateDocument? Parse(ReadOnlySpan<byte> json, out string? problem)
    {
        int? format = null;
        long? serial = null;
        string? lineage = null;
        string? terraformVersion = null;
        var serialStart = 0;
        var serialLength = 0;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                problem = "The state must be a JSON object: a terraform state file with \"version\", \"serial\" and \"lineage\".";
                return null;
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (reader.Read())
            {
                if (reader.CurrentDepth != 1 || reader.TokenType != JsonTokenType.PropertyName)
                {
                    continue;
                }

                var name = reader.GetString()!;
                reader.Read();
                if (name is not ("version" or "serial" or "lineage" or "terraform_version"))
                {
                    continue;
                }

                if (!seen.Add(name))
                {
                    problem = $"The state has \"{name}\" twice.";
                    return null;
                }

                switch (name)
                {
                    case "version" when reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var f) && f > 0:
                        format = f;
                        break;
                    case "serial" when reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var s) && s >= 0:
                        serial = s;
                        serialStart = checked((int)reader.TokenStartIndex);
                        serialLength = reader.ValueSpan.Length;
                        break;
                    case "lineage" when reader.TokenType == JsonTokenType.String && reader.GetString() is { Length: > 0 and <= MaxLineageChars } l && !l.Any(char.IsControl):
                        lineage = l;
                        break;
                    case "terraform_version" when reader.TokenType == JsonTokenType.String:
                        terraformVersion = Shorten(reader.GetString());
                        break;
                    case "terraform_version":
                        break;
                    default:
                        problem = name switch
                        {
                            "version" => "The state's \"version\" must be a positive whole number (terraform writes 4).",
                            "serial" => "The state's \"serial\" must be a whole number of at least 0.",
                            _ => $"The state's \"lineage\" must be text of 1–{MaxLineageChars} printable characters (terraform writes a UUID).",
                        };
                        return null;
                }

                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                }
            }
        }
        catch (JsonException ex)
        {
            problem = $"The state is not valid JSON (line {(ex.LineNumber ?? 0) + 1}, position {ex.BytePositionInLine ?? 0}).";
            return null;
        }
        catch (InvalidOperationException)
        {
            problem = "The state has a value that is not valid text.";
            return null;
        }

        var missing = new[] { format is null ? "version" : null, serial is null ? "serial" : null, lineage is null ? "lineage" : null }.OfType<string>().ToList();
        if (missing.Count > 0)
        {
            problem = $"The state lacks {string.Join(", ", missing.Select(m => $"\"{m}\""))}; send terraform's state file as it is.";
            return null;
        }

        problem = null;
        return new StateDocument(format!.Value, serial!.Value, lineage!, terraformVersion, serialStart, serialLength);
    }

    /// <summary>The same bytes with the top-level serial replaced: everything else (resources, outputs, lineage) stays as it was.</summary>
    public byte[] WithSerial(ReadOnlySpan<byte> json, long serial)
    {
        var digits = Encoding.ASCII.GetBytes(serial.ToString(CultureInfo.InvariantCulture));
        var result = new byte[json.Length - SerialLength + digits.Length];
        json[..SerialStart].CopyTo(result);
        digits.CopyTo(result.AsSpan(SerialStart));
        json[(SerialStart + SerialLength)..].CopyTo(result.AsSpan(SerialStart + digits.Length));
        return result;
    }

    private static string? Shorten(string? value) => value is { Length: > 64 } ? value[..64] : value;
}
