using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Stratus.Containers.Oci;

namespace Stratus.Containers.Assembly;

/// <summary>
/// Applies <see cref="ImageConfigChanges"/> and new layers to a base config's JSON. It edits the JSON tree rather than
/// a typed model so fields Stratus does not know (healthchecks, OnBuild, vendor extensions) survive, and writes it in a
/// canonical form (object keys in ordinal order, compact) so the same input always gives the same digest.
/// </summary>
internal static class ImageConfigEditor
{
    public static byte[] Apply(ReadOnlySpan<byte> baseConfig, IReadOnlyList<LayerFile> addedLayers, ImageConfigChanges changes)
    {
        JsonObject root;
        try
        {
            var reader = new Utf8JsonReader(baseConfig);
            root = JsonNode.Parse(ref reader) as JsonObject ?? throw new InvalidDataException("The base image config is not a JSON object.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The base image config is not valid JSON: {e.Message}", e);
        }

        var config = root["config"] as JsonObject;
        if (config is null)
        {
            config = [];
            root["config"] = config;
        }

        ApplyEnv(config, changes.Env);
        if (changes.WorkingDir is { } workingDir)
        {
            config["WorkingDir"] = workingDir;
        }

        if (changes.User is { } user)
        {
            config["User"] = user;
        }

        if (changes.ExposedPorts.Count > 0)
        {
            var ports = new SortedSet<string>(StringComparer.Ordinal);
            if (config["ExposedPorts"] is JsonObject existing)
            {
                // buildah writes a bare "8888"; runtimes read it as 8888/tcp, so merging must not expose it twice.
                ports.UnionWith(existing.Select(p => TryNormalizePort(p.Key) ?? p.Key));
            }

            ports.UnionWith(changes.ExposedPorts.Select(NormalizePort));
            var exposed = new JsonObject();
            foreach (var port in ports)
            {
                exposed[port] = new JsonObject();
            }

            config["ExposedPorts"] = exposed;
        }

        if (changes.Entrypoint is { } entrypoint)
        {
            config["Entrypoint"] = StringArray(entrypoint);
            if (changes.Cmd is null)
            {
                config["Cmd"] = null;
            }
        }

        if (changes.Cmd is { } cmd)
        {
            config["Cmd"] = StringArray(cmd);
        }

        if (changes.Labels.Count > 0)
        {
            var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
            if (config["Labels"] is JsonObject existing)
            {
                foreach (var (key, value) in existing)
                {
                    labels[key] = value?.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value?.ToJsonString() ?? "";
                }
            }

            foreach (var (key, value) in changes.Labels)
            {
                labels[key] = value;
            }

            var merged = new JsonObject();
            foreach (var (key, value) in labels)
            {
                merged[key] = value;
            }

            config["Labels"] = merged;
        }

        var created = changes.Created?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
        if (created is not null)
        {
            root["created"] = created;
        }

        if (root["rootfs"] is not JsonObject rootfs)
        {
            rootfs = new JsonObject { ["type"] = "layers" };
            root["rootfs"] = rootfs;
        }

        if (rootfs["diff_ids"] is not JsonArray diffIds)
        {
            diffIds = [];
            rootfs["diff_ids"] = diffIds;
        }

        if (root["history"] is not JsonArray history)
        {
            history = [];
            root["history"] = history;
        }

        foreach (var layer in addedLayers)
        {
            OciDigest.RequireSha256(layer.DiffId, nameof(addedLayers));
            diffIds.Add(layer.DiffId);
            var entry = new JsonObject();
            if (created is not null)
            {
                entry["created"] = created;
            }

            entry["created_by"] = changes.HistoryCreatedBy;
            history.Add(entry);
        }

        return Canonical(root);
    }

    public static byte[] Canonical(JsonNode node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, OciJson.WriterOptions))
        {
            Write(node, writer);
        }

        return buffer.ToArray();
    }

    private static void Write(JsonNode? node, Utf8JsonWriter writer)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    Write(value, writer);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    Write(item, writer);
                }

                writer.WriteEndArray();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }

    private static void ApplyEnv(JsonObject config, IReadOnlyDictionary<string, string> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }

        var env = config["Env"] is JsonArray existing
            ? existing.Where(e => e?.GetValueKind() == JsonValueKind.String).Select(e => e!.GetValue<string>()).ToList()
            : [];
        foreach (var (name, value) in changes.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (name.Length == 0 || name.Contains('=', StringComparison.Ordinal))
            {
                throw new ArgumentException($"'{name}' is not a valid environment variable name.", nameof(changes));
            }

            var entry = name + "=" + value;
            var index = env.FindIndex(e => e == name || e.StartsWith(name + "=", StringComparison.Ordinal));
            if (index >= 0)
            {
                env[index] = entry;
            }
            else
            {
                env.Add(entry);
            }
        }

        config["Env"] = StringArray(env);
    }

    private static JsonArray StringArray(IEnumerable<string> values) => [.. values.Select(v => (JsonNode?)JsonValue.Create(v))];

    private static string NormalizePort(string port) =>
        TryNormalizePort(port) ?? throw new ArgumentException($"'{port}' is not a port to expose (use e.g. 8888, 8888/tcp or 53/udp).", nameof(port));

    private static string? TryNormalizePort(string port)
    {
        var parts = port.Split('/');
        var protocol = parts.Length == 2 ? parts[1].ToLowerInvariant() : "tcp";
        if (parts.Length > 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var number) ||
            number is < 1 or > 65535 || protocol is not ("tcp" or "udp" or "sctp"))
        {
            return null;
        }

        return FormattableString.Invariant($"{number}/{protocol}");
    }
}
