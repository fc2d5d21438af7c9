using System.Text.Json;
using System.Text.RegularExpressions;

namespace Stratus.Infra.Registry.Providers;

/// <summary>
/// The plugin protocol versions a provider speaks (<c>5.0</c>, <c>6.0</c>), which terraform matches against its own
/// before it downloads anything. Given as a list, or read from goreleaser's manifest; plugin SDK v2 providers speak 5.0,
/// which is the default.
/// </summary>
public static partial class ProviderProtocols
{
    public const int MaxManifestBytes = 64 * 1024;
    public static IReadOnlyList<string> Default { get; } = ["5.0"];

    /// <exception cref="ProviderPublishException">An entry is not MAJOR.MINOR.</exception>
    public static IReadOnlyList<string> Parse(IEnumerable<string> values, string source)
    {
        var protocols = new List<string>();
        foreach (var raw in values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var value = raw.Contains('.', StringComparison.Ordinal) ? raw : raw + ".0";
            if (!ProtocolPattern().IsMatch(value))
            {
                throw new ProviderPublishException($"{source}: '{(raw.Length > 40 ? raw[..40] + "…" : raw)}' is not a protocol version such as 5.0 or 6.0.");
            }

            if (!protocols.Contains(value, StringComparer.Ordinal))
            {
                protocols.Add(value);
            }
        }

        return protocols.Count > 16
            ? throw new ProviderPublishException($"{source} names {protocols.Count} protocol versions; a provider speaks a few (5.0, 6.0).")
            : protocols;
    }

    /// <exception cref="ProviderPublishException">The manifest is not goreleaser's JSON with metadata.protocol_versions.</exception>
    public static IReadOnlyList<string> FromManifest(byte[] manifest, string fileName)
    {
        try
        {
            using var document = JsonDocument.Parse(manifest);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
                && metadata.TryGetProperty("protocol_versions", out var versions) && versions.ValueKind == JsonValueKind.Array
                && versions.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String))
            {
                return Parse(versions.EnumerateArray().Select(v => v.GetString()!), fileName);
            }
        }
        catch (JsonException ex)
        {
            throw new ProviderPublishException($"{fileName} is not JSON ({ex.Message}).");
        }

        throw new ProviderPublishException($"{fileName} has no metadata.protocol_versions list, e.g. {{\"version\": 1, \"metadata\": {{\"protocol_versions\": [\"5.0\"]}}}}.");
    }

    [GeneratedRegex("^[0-9]{1,3}\\.[0-9]{1,3}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ProtocolPattern();
}
