using System.Text.Json;

namespace Stratus.Containers.Oci;

/// <summary>
/// A read-only view of an image config (<c>application/vnd.oci.image.config.v1+json</c> or Docker's equivalent):
/// what deploys need to run the image. The config's bytes stay the source of truth; fields not modelled here are kept
/// by the assembler because it edits the JSON itself.
/// </summary>
public sealed record ImageConfig
{
    public string? Architecture { get; init; }

    public string? Os { get; init; }

    public string? Created { get; init; }

    public ContainerConfig Config { get; init; } = new();

    /// <summary><c>rootfs.diff_ids</c>: the sha256 of each uncompressed layer, base first.</summary>
    public IReadOnlyList<string> DiffIds { get; init; } = [];

    public IReadOnlyList<ImageHistoryEntry> History { get; init; } = [];

    public static ImageConfig Parse(ReadOnlySpan<byte> json)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(json);
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The image config is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException("The image config is not a JSON object.");
            }

            var config = Property(root, "config");
            var rootfs = Property(root, "rootfs");
            return new ImageConfig
            {
                Architecture = String(root, "architecture"),
                Os = String(root, "os"),
                Created = String(root, "created"),
                Config = config is { } c
                    ? new ContainerConfig
                    {
                        User = String(c, "User"),
                        Env = Strings(c, "Env") ?? [],
                        Entrypoint = Strings(c, "Entrypoint"),
                        Cmd = Strings(c, "Cmd"),
                        WorkingDir = String(c, "WorkingDir"),
                        ExposedPorts = Property(c, "ExposedPorts") is { ValueKind: JsonValueKind.Object } ports
                            ? [.. ports.EnumerateObject().Select(p => p.Name.Contains('/', StringComparison.Ordinal) ? p.Name : p.Name + "/tcp").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]
                            : [],
                        Labels = Property(c, "Labels") is { ValueKind: JsonValueKind.Object } labels
                            ? labels.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String)
                                .ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal)
                            : new Dictionary<string, string>(StringComparer.Ordinal),
                        StopSignal = String(c, "StopSignal"),
                    }
                    : new ContainerConfig(),
                DiffIds = rootfs is { } r ? Strings(r, "diff_ids") ?? [] : [],
                History = Property(root, "history") is { ValueKind: JsonValueKind.Array } history
                    ? [.. history.EnumerateArray().Where(h => h.ValueKind == JsonValueKind.Object).Select(h => new ImageHistoryEntry(
                        String(h, "created"),
                        String(h, "created_by"),
                        String(h, "author"),
                        String(h, "comment"),
                        Property(h, "empty_layer") is { ValueKind: JsonValueKind.True }))]
                    : [],
            };
        }
    }

    private static JsonElement? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    private static string? String(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private static List<string>? Strings(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.Array } array
            ? [.. array.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)]
            : null;
}
