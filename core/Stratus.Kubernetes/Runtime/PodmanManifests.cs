using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Stratus.Kubernetes.Manifests;

namespace Stratus.Kubernetes.Runtime;

/// <summary>
/// Turns the manifests <see cref="ManifestBuilder"/> makes for Kubernetes into what <c>podman kube play</c> (4.3) runs
/// with host networking. Every change is a translation forced by podman or by the host network, listed here:
/// <list type="bullet">
/// <item>The <c>&lt;app&gt;-env</c> Secret is not played: podman 4.3 stores a played Secret and then fails reading it
/// ("secret … is not valid JSON"). Its data is decoded into the container's <c>env</c> instead, before the
/// container's own entries, which win over it as <c>env</c> wins over <c>envFrom</c> in Kubernetes.</item>
/// <item>Services are not played: there is no cluster IP on the host network; the local router reaches units directly.</item>
/// <item>Each unit is its own single-replica Deployment named
/// <c>&lt;deployment&gt;-v&lt;version&gt;-&lt;generation&gt;-&lt;index&gt;</c>, so versions live side by side (blue/green)
/// and podman's pod names (<c>&lt;name&gt;-pod-0</c>) never clash.</item>
/// <item>Each of a unit's ports is a host port of its own (every unit shares the host's port space): <c>PORT</c> is the
/// first, Tsuru's <c>PORT_&lt;process&gt;</c> lists them all, and probe ports follow the first.</item>
/// <item><c>ports</c> are dropped: podman refuses port mappings on the host network.</item>
/// <item><c>lifecycle</c> is dropped: podman 4.3 ignores postStart, so Stratus runs it with <c>podman exec</c>;
/// dropping it means a podman that does run it cannot run it a second time.</item>
/// <item>Labels <c>app-unit</c>, <c>stratus.io/port</c>, <c>stratus.io/ports</c>, <c>stratus.io/generation</c>,
/// <c>stratus.io/unit</c>, <c>stratus.io/probe</c> and <c>stratus.io/startup-probe</c> are added to the pod template:
/// they are the runtime's state.</item>
/// </list>
/// The readiness and startup probes stay in the manifest (podman ignores them); Stratus runs them (see <see cref="PodmanProbe"/>).
/// </summary>
internal static class PodmanManifests
{
    /// <summary>The Deployments by their <c>app-process</c> label, and the Secrets' decoded data by name.</summary>
    public static (IReadOnlyDictionary<string, JsonObject> Deployments, IReadOnlyDictionary<string, IReadOnlyList<KeyValuePair<string, string>>> Secrets) Split(IReadOnlyList<JsonObject> manifests)
    {
        var deployments = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var secrets = new Dictionary<string, IReadOnlyList<KeyValuePair<string, string>>>(StringComparer.Ordinal);
        foreach (var manifest in manifests)
        {
            var kind = manifest["kind"]?.GetValue<string>();
            var name = manifest["metadata"]?["name"]?.GetValue<string>() ?? "";
            switch (kind)
            {
                case "Deployment":
                    var process = manifest["spec"]?["template"]?["metadata"]?["labels"]?[ManifestLabels.AppProcess]?.GetValue<string>()
                        ?? throw new InvalidOperationException($"Deployment {name} has no {ManifestLabels.AppProcess} label.");
                    deployments[process] = manifest;
                    break;
                case "Secret":
                    secrets[name] = DecodeSecret(manifest);
                    break;
                case "Service":
                    // No cluster network under podman: the router targets unit addresses.
                    break;
                default:
                    throw new NotSupportedException($"The podman runtime does not play {kind} objects ({name}).");
            }
        }

        return (deployments, secrets);
    }

    /// <summary>
    /// A hash of everything that makes a unit what it is (the Deployment without its replica count, which includes the
    /// version, image, command, probes and restart time, plus the env it reads): scaling keeps the generation, any
    /// other change makes a new one, played beside the old one.
    /// </summary>
    public static string Generation(JsonObject deployment, IReadOnlyDictionary<string, IReadOnlyList<KeyValuePair<string, string>>> secrets)
    {
        var copy = deployment.DeepClone().AsObject();
        (copy["spec"] as JsonObject)?.Remove("replicas");
        var text = new StringBuilder(ManifestBuilder.ToJson(copy));
        foreach (var name in SecretNames(deployment).Order(StringComparer.Ordinal))
        {
            text.Append('\n').Append(name);
            if (secrets.TryGetValue(name, out var data))
            {
                foreach (var (key, value) in data)
                {
                    text.Append('\n').Append(key).Append('=').Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value);
                }
            }
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return Convert.ToHexStringLower(hash.AsSpan(0, 4));
    }

    public static string UnitName(JsonObject deployment, int version, string generation, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{deployment["metadata"]?["name"]?.GetValue<string>()}-v{version}-{generation}-{index}");

    /// <summary>How many host ports a unit of <paramref name="deployment"/> needs: one per container port of its first container.</summary>
    public static int PortCount(JsonObject deployment) =>
        (deployment["spec"]?["template"]?["spec"]?["containers"]?[0]?["ports"] as JsonArray)?.Count ?? 0;

    /// <summary>The single-replica, podman-ready copy of <paramref name="deployment"/> for one unit.</summary>
    /// <param name="hostPorts">One per container port (<see cref="PortCount"/>), in the manifest's order.</param>
    public static PodmanUnitPlan ForUnit(
        JsonObject deployment,
        IReadOnlyDictionary<string, IReadOnlyList<KeyValuePair<string, string>>> secrets,
        string process,
        int version,
        string generation,
        int index,
        IReadOnlyList<int> hostPorts)
    {
        ArgumentNullException.ThrowIfNull(hostPorts);
        var port = hostPorts.Count > 0 ? hostPorts[0] : 0;
        var name = UnitName(deployment, version, generation, index);
        var unit = deployment.DeepClone().AsObject();
        var metadata = unit["metadata"] as JsonObject ?? throw new InvalidOperationException("A Deployment without metadata.");
        metadata["name"] = name;
        var spec = unit["spec"] as JsonObject ?? throw new InvalidOperationException($"Deployment {name} has no spec.");
        spec["replicas"] = 1;
        var template = spec["template"] as JsonObject ?? throw new InvalidOperationException($"Deployment {name} has no template.");
        var podSpec = template["spec"] as JsonObject ?? throw new InvalidOperationException($"Deployment {name} has no pod spec.");
        var containers = (podSpec["containers"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        if (containers.Count == 0)
        {
            throw new InvalidOperationException($"Deployment {name} has no containers.");
        }

        var portNames = (containers[0]["ports"] as JsonArray ?? []).Select(p => p?["name"]?.GetValue<string>() ?? "").ToList();
        if (portNames.Count != hostPorts.Count)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Unit {name} has {portNames.Count} port(s) but was given {hostPorts.Count} host port(s)."));
        }

        var ports = portNames.Select((portName, i) => new KeyValuePair<string, int>(portName, hostPorts[i])).ToList();
        PodmanProbe? probe = null;
        PodmanProbe? startup = null;
        IReadOnlyList<string>? postStart = null;
        foreach (var container in containers)
        {
            InlineSecrets(container, secrets, name);
            if (port > 0)
            {
                SetEnv(container, "PORT", port.ToString(CultureInfo.InvariantCulture));
                SetEnv(container, "PORT_" + process, string.Join(',', hostPorts.Select(p => p.ToString(CultureInfo.InvariantCulture))));
            }

            container.Remove("ports");
            foreach (var probeKind in new[] { PodmanProbe.Readiness, PodmanProbe.Startup })
            {
                if (container[probeKind] is JsonObject check && port > 0)
                {
                    foreach (var kind in new[] { PodmanProbe.HttpGet, PodmanProbe.TcpSocket })
                    {
                        if (check[kind] is JsonObject action)
                        {
                            action["port"] = port;
                        }
                    }
                }
            }

            if (container == containers[0])
            {
                probe = PodmanProbe.FromContainer(container);
                startup = PodmanProbe.FromContainer(container, PodmanProbe.Startup);
                if (container["lifecycle"]?["postStart"]?["exec"]?["command"] is JsonArray hook)
                {
                    postStart = hook.Select(c => c?.GetValue<string>() ?? "").ToList();
                }
            }

            container.Remove("lifecycle");
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [PodmanLabels.Unit] = index.ToString(CultureInfo.InvariantCulture),
            [PodmanLabels.Generation] = generation,
            [PodmanLabels.UnitName] = name,
        };
        if (port > 0)
        {
            labels[PodmanLabels.Port] = port.ToString(CultureInfo.InvariantCulture);
            labels[PodmanLabels.Ports] = PodmanContainer.FormatPorts(ports);
        }

        if (probe is not null)
        {
            labels[PodmanLabels.Probe] = probe.ToLabel();
        }

        if (startup is not null)
        {
            labels[PodmanLabels.StartupProbe] = startup.ToLabel();
        }

        var templateMetadata = template["metadata"] as JsonObject ?? (JsonObject)(template["metadata"] = new JsonObject());
        foreach (var target in new[] { metadata, templateMetadata })
        {
            var map = target["labels"] as JsonObject ?? (JsonObject)(target["labels"] = new JsonObject());
            foreach (var (key, value) in labels)
            {
                map[key] = value;
            }
        }

        var containerName = containers[0]["name"]?.GetValue<string>() ?? process;
        return new PodmanUnitPlan(process, version, index, name, port, generation, unit, $"{PodmanUnitPlan.PodNameOf(name)}-{containerName}", probe, postStart)
        {
            StartupProbe = startup,
            Ports = ports,
        };
    }

    private static IEnumerable<string> SecretNames(JsonObject deployment) =>
        (deployment["spec"]?["template"]?["spec"]?["containers"] as JsonArray ?? [])
            .SelectMany(c => c?["envFrom"] as JsonArray ?? [])
            .Select(e => e?["secretRef"]?["name"]?.GetValue<string>())
            .OfType<string>()
            .Distinct(StringComparer.Ordinal);

    private static void InlineSecrets(JsonObject container, IReadOnlyDictionary<string, IReadOnlyList<KeyValuePair<string, string>>> secrets, string unit)
    {
        if (container["envFrom"] is not JsonArray envFrom)
        {
            return;
        }

        var env = container["env"] as JsonArray ?? [];
        var explicitNames = env.Select(e => e?["name"]?.GetValue<string>()).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var inlined = new JsonArray();
        foreach (var source in envFrom)
        {
            var secretName = source?["secretRef"]?["name"]?.GetValue<string>()
                ?? throw new NotSupportedException($"Unit {unit}: the podman runtime inlines envFrom secretRef only.");
            var prefix = source?["prefix"]?.GetValue<string>() ?? "";
            if (!secrets.TryGetValue(secretName, out var data))
            {
                if (source?["secretRef"]?["optional"]?.GetValue<bool>() == true)
                {
                    continue;
                }

                throw new InvalidOperationException($"Unit {unit} reads Secret {secretName}, which the manifests do not hold.");
            }

            foreach (var (key, value) in data)
            {
                if (explicitNames.Add(prefix + key))
                {
                    inlined.Add(new JsonObject { ["name"] = prefix + key, ["value"] = value });
                }
            }
        }

        foreach (var entry in env)
        {
            inlined.Add(entry?.DeepClone());
        }

        container.Remove("envFrom");
        container["env"] = inlined;
    }

    private static void SetEnv(JsonObject container, string name, string value)
    {
        var env = container["env"] as JsonArray ?? (JsonArray)(container["env"] = new JsonArray());
        var existing = env.OfType<JsonObject>().FirstOrDefault(e => e["name"]?.GetValue<string>() == name);
        if (existing is null)
        {
            env.Add(new JsonObject { ["name"] = name, ["value"] = value });
        }
        else
        {
            existing.Remove("valueFrom");
            existing["value"] = value;
        }
    }

    private static List<KeyValuePair<string, string>> DecodeSecret(JsonObject secret)
    {
        var entries = new List<KeyValuePair<string, string>>();
        if (secret["data"] is JsonObject data)
        {
            foreach (var (key, value) in data)
            {
                entries.Add(new(key, Encoding.UTF8.GetString(Convert.FromBase64String(value?.GetValue<string>() ?? ""))));
            }
        }

        if (secret["stringData"] is JsonObject stringData)
        {
            foreach (var (key, value) in stringData)
            {
                entries.RemoveAll(e => e.Key == key);
                entries.Add(new(key, value?.GetValue<string>() ?? ""));
            }
        }

        return entries.OrderBy(e => e.Key, StringComparer.Ordinal).ToList();
    }
}
