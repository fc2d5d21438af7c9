using System.Globalization;
using System.Text.Json.Nodes;
using Stratus.Kubernetes.Manifests;

namespace Stratus.Kubernetes.Runtime;

/// <summary>A unit's container as <c>podman ps</c> or <c>podman inspect</c> reports it.</summary>
/// <param name="State">podman's state: created, running, exited, stopped, paused…</param>
/// <param name="RestartCount">Only <c>inspect</c> reports it; 0 from <c>ps</c>.</param>
internal sealed record PodmanContainer(
    string Name,
    string? PodId,
    string State,
    int ExitCode,
    int RestartCount,
    IReadOnlyDictionary<string, string> Labels)
{
    public string Process => Label(ManifestLabels.AppProcess) ?? "";

    public int Version => int.TryParse(Label(ManifestLabels.AppVersion), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0;

    public int Port => int.TryParse(Label(PodmanLabels.Port), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 0;

    /// <summary>Every host port of the unit by port name (<see cref="PodmanLabels.Ports"/>); units played before it existed have <see cref="Port"/> only.</summary>
    public IReadOnlyList<KeyValuePair<string, int>> Ports => ParsePorts(Label(PodmanLabels.Ports));

    public static string FormatPorts(IEnumerable<KeyValuePair<string, int>> ports) =>
        string.Join(',', ports.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}={p.Value}")));

    private static List<KeyValuePair<string, int>> ParsePorts(string? label) =>
        (label ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Where(pair => pair.Length == 2 && int.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .Select(pair => new KeyValuePair<string, int>(pair[0], int.Parse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture)))
            .ToList();

    public int Index => int.TryParse(Label(PodmanLabels.Unit), NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -1;

    public string? Generation => Label(PodmanLabels.Generation);

    /// <summary>The played Deployment's name, whose pod is <c>&lt;unit&gt;-pod-0</c>.</summary>
    public string? UnitName => Label(PodmanLabels.UnitName);

    public bool IsRunning => State == "running";

    /// <summary>Exited or restarted: with podman's restart policy <c>always</c> a crashing process loops between the two.</summary>
    public bool HasCrashed => RestartCount > 0 || State is "exited" or "stopped" or "dead";

    public string? Label(string key) => Labels.TryGetValue(key, out var value) ? value : null;

    /// <summary>Parses <c>podman ps -a --format json</c>; pod infra containers (no labels of ours) are left out.</summary>
    public static IReadOnlyList<PodmanContainer> FromPs(JsonArray entries) =>
        entries.OfType<JsonObject>()
            .Where(e => e["IsInfra"]?.GetValue<bool>() != true)
            .Select(e => new PodmanContainer(
                (e["Names"] as JsonArray)?.FirstOrDefault()?.GetValue<string>() ?? e["Id"]?.GetValue<string>() ?? "",
                NullIfEmpty(e["Pod"]?.GetValue<string>()),
                e["State"]?.GetValue<string>() ?? "",
                e["ExitCode"]?.GetValue<int>() ?? 0,
                0,
                ReadLabels(e["Labels"])))
            .ToList();

    /// <summary>Parses <c>podman inspect</c> of containers.</summary>
    public static IReadOnlyList<PodmanContainer> FromInspect(JsonArray entries) =>
        entries.OfType<JsonObject>()
            .Select(e => new PodmanContainer(
                (e["Name"]?.GetValue<string>() ?? "").TrimStart('/'),
                NullIfEmpty(e["Pod"]?.GetValue<string>()),
                e["State"]?["Status"]?.GetValue<string>() ?? "",
                e["State"]?["ExitCode"]?.GetValue<int>() ?? 0,
                e["RestartCount"]?.GetValue<int>() ?? 0,
                ReadLabels(e["Config"]?["Labels"])))
            .ToList();

    private static Dictionary<string, string> ReadLabels(JsonNode? node)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is JsonObject map)
        {
            foreach (var (key, value) in map)
            {
                if (value is JsonValue v && v.TryGetValue<string>(out var text))
                {
                    labels[key] = text;
                }
            }
        }

        return labels;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
