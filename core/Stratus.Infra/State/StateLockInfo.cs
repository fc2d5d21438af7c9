using System.Text.Json;

namespace Stratus.Infra.State;

/// <summary>
/// Terraform's lock info (<c>statemgr.LockInfo</c>): the lock's <see cref="Id"/> (a UUID terraform makes per lock),
/// the operation, free text, who (<c>user@host</c>), the terraform version, when (RFC 3339) and the state path. Only
/// the id is required; the rest is echoed back to whoever finds the state locked.
/// </summary>
public sealed record StateLockInfo(string Id, string? Operation, string? Info, string? Who, string? Version, string? Created, string? Path)
{
    public const int MaxIdChars = 256;
    public const int MaxFieldChars = 4096;

    /// <summary>Reads terraform's lock-info JSON; names match case-insensitively, as Go's decoder does.</summary>
    /// <returns>The lock info, or <c>null</c> with <paramref name="problem"/> saying what is wrong.</returns>
    public static StateLockInfo? Parse(ReadOnlySpan<byte> json, out string? problem)
    {
        var fields = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                problem = "The lock info must be a JSON object such as {\"ID\": \"<uuid>\", \"Operation\": \"OperationTypeApply\", \"Who\": \"me@host\"}.";
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    fields[name] = reader.GetString();
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        catch (JsonException ex)
        {
            problem = $"The lock info is not valid JSON (line {(ex.LineNumber ?? 0) + 1}, position {ex.BytePositionInLine ?? 0}).";
            return null;
        }
        catch (InvalidOperationException)
        {
            problem = "The lock info has a value that is not valid text.";
            return null;
        }

        var id = fields.GetValueOrDefault("ID");
        if (string.IsNullOrWhiteSpace(id) || id.Length > MaxIdChars || id.Any(char.IsControl))
        {
            problem = $"The lock info needs an \"ID\": 1–{MaxIdChars} printable characters (terraform sends a UUID).";
            return null;
        }

        if (fields.FirstOrDefault(f => f.Value is { Length: > MaxFieldChars }) is { Key: { } tooLong })
        {
            problem = $"The lock info's \"{tooLong}\" is longer than {MaxFieldChars} characters.";
            return null;
        }

        problem = null;
        return new StateLockInfo(
            id,
            fields.GetValueOrDefault("Operation"),
            fields.GetValueOrDefault("Info"),
            fields.GetValueOrDefault("Who"),
            fields.GetValueOrDefault("Version"),
            fields.GetValueOrDefault("Created"),
            fields.GetValueOrDefault("Path"));
    }
}
