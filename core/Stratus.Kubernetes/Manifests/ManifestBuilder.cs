using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Stratus.Containers.Source;
using Stratus.Kubernetes.Runtime;

namespace Stratus.Kubernetes.Manifests;

/// <summary>
/// Turns a <see cref="WorkloadSpec"/> into the Kubernetes objects that run it: the <c>&lt;app&gt;-env</c> Secret, then per
/// process (sorted by name) a Deployment and, for a process with a port, a Service. The same objects go to an API
/// server (server-side apply) and to <c>podman kube play</c>, so both runtimes run exactly the same thing.
/// The output is deterministic: the same spec gives the same bytes, so an unchanged deploy is a no-op apply.
/// </summary>
internal static class ManifestBuilder
{
    /// <summary>Tsuru's floor for how long a rollout may take to become healthy.</summary>
    public const int MinimumProgressDeadlineSeconds = 120;

    private static readonly JsonSerializerOptions DocumentOptions = new()
    {
        // Not HTML: keep '&&', '<' and '>' in commands readable in the YAML stream and in apply bodies.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    public static string SecretName(string app) => $"{app}-env";

    /// <summary><c>&lt;app&gt;-&lt;process&gt;</c>, the process in its Kubernetes form (Tsuru's: lowercase, <c>_</c> as <c>-</c>).</summary>
    public static string DeploymentName(string app, string process) => $"{app}-{AppBuildManifestParser.KubernetesName(process)}";

    public static string ServiceName(string app, string process) => DeploymentName(app, process);

    public static IReadOnlyList<JsonObject> Build(WorkloadSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentException.ThrowIfNullOrEmpty(spec.App);

        var manifests = new List<JsonObject> { BuildSecret(spec) };
        foreach (var process in spec.Processes.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            manifests.Add(BuildDeployment(spec, process));
            if (process.AllPorts.Count > 0)
            {
                manifests.Add(BuildService(spec, process));
            }
        }

        return manifests;
    }

    /// <summary>The same objects as the Kubernetes client's typed models, for server-side apply.</summary>
    internal static KubernetesManifests BuildObjects(WorkloadSpec spec) => KubernetesManifests.From(Build(spec));

    /// <summary>A multi-document YAML stream; each document is the object's JSON text, which is valid YAML.</summary>
    public static string ToYaml(IEnumerable<JsonObject> manifests)
    {
        ArgumentNullException.ThrowIfNull(manifests);
        var yaml = new StringBuilder();
        foreach (var manifest in manifests)
        {
            yaml.Append("---\n").Append(ToJson(manifest)).Append('\n');
        }

        return yaml.ToString();
    }

    /// <summary>The compact JSON text of a manifest, as sent in an apply body.</summary>
    public static string ToJson(JsonNode manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return manifest.ToJsonString(DocumentOptions);
    }

    /// <summary>max(healthcheck deploy timeout, 120 s): how long the rollout may take before Kubernetes calls it stuck.</summary>
    public static int ProgressDeadlineSeconds(WorkloadProcess process)
    {
        ArgumentNullException.ThrowIfNull(process);
        return Math.Max(process.Healthcheck?.DeployTimeoutSeconds ?? 0, MinimumProgressDeadlineSeconds);
    }

    /// <summary><c>/bin/sh -lc "&lt;before hooks&gt; &amp;&amp; exec &lt;command&gt;"</c>: hooks run in the unit before the process replaces the shell.</summary>
    public static IReadOnlyList<string> ContainerCommand(IReadOnlyList<string> restartBefore, string command)
    {
        ArgumentNullException.ThrowIfNull(restartBefore);
        ArgumentException.ThrowIfNullOrEmpty(command);
        var hooks = restartBefore.Where(h => !string.IsNullOrWhiteSpace(h)).ToList();

        // exec lets the app replace the shell and receive signals itself (Tsuru does the same); a compound command
        // ("a && b", "a; b") keeps its shell, or exec would run only its first part.
        var run = IsSimpleCommand(command) && !command.StartsWith("exec ", StringComparison.Ordinal) ? $"exec {command}" : command;
        var line = hooks.Count == 0 ? run : $"{string.Join(" && ", hooks)} && {run}";
        return ["/bin/sh", "-lc", line];
    }

    private static bool IsSimpleCommand(string command) =>
        command.IndexOfAny(['&', ';', '|', '\n', '(', ')', '`']) < 0;

    private static JsonObject BuildSecret(WorkloadSpec spec)
    {
        var data = new JsonObject();
        foreach (var (name, value) in spec.Env.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            data[name] = Convert.ToBase64String(Encoding.UTF8.GetBytes(value));
        }

        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["metadata"] = Metadata(SecretName(spec.App), spec.Namespace, AppLabels(spec)),
            ["type"] = "Opaque",
            ["data"] = data,
        };
    }

    private static JsonObject BuildDeployment(WorkloadSpec spec, WorkloadProcess process)
    {
        var annotations = new JsonObject();
        if (!string.IsNullOrEmpty(spec.RestartedAt))
        {
            annotations[ManifestLabels.RestartedAtAnnotation] = spec.RestartedAt;
        }

        annotations[ManifestLabels.VersionAnnotation] = Invariant(spec.Version);

        return new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "Deployment",
            ["metadata"] = Metadata(DeploymentName(spec.App, process.Name), spec.Namespace, ProcessLabels(spec, process)),
            ["spec"] = new JsonObject
            {
                ["replicas"] = Math.Max(process.Units, 0),
                ["selector"] = new JsonObject { ["matchLabels"] = Selector(spec, process) },
                ["strategy"] = new JsonObject
                {
                    ["type"] = "RollingUpdate",
                    // Zero-downtime: a new unit must be ready before an old one goes.
                    ["rollingUpdate"] = new JsonObject { ["maxSurge"] = 1, ["maxUnavailable"] = 0 },
                },
                ["progressDeadlineSeconds"] = ProgressDeadlineSeconds(process),
                ["revisionHistoryLimit"] = 10,
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject
                    {
                        ["labels"] = ProcessLabels(spec, process),
                        ["annotations"] = annotations,
                    },
                    ["spec"] = new JsonObject
                    {
                        ["containers"] = new JsonArray(BuildContainer(spec, process)),
                    },
                },
            },
        };
    }

    private static JsonObject BuildContainer(WorkloadSpec spec, WorkloadProcess process)
    {
        var container = new JsonObject
        {
            ["name"] = AppBuildManifestParser.KubernetesName(process.Name),
            ["image"] = spec.Image,
            ["command"] = Strings(ContainerCommand(spec.RestartBefore, process.Command)),
            ["envFrom"] = new JsonArray(new JsonObject { ["secretRef"] = new JsonObject { ["name"] = SecretName(spec.App) } }),
        };

        var ports = process.AllPorts;
        if (ports.Count > 0)
        {
            // PORT is the first port (Stratus' convention, Tsuru's for the default port); PORT_<process> lists them all
            // as Tsuru does for declared ports.
            container["env"] = new JsonArray(
                new JsonObject { ["name"] = "PORT", ["value"] = Invariant(ports[0].TargetPort) },
                new JsonObject { ["name"] = process.PortsVariable, ["value"] = string.Join(',', ports.Select(p => Invariant(p.TargetPort))) });
            container["ports"] = new JsonArray(ports.Select(p => (JsonNode?)new JsonObject
            {
                ["name"] = p.Name,
                ["containerPort"] = p.TargetPort,
                ["protocol"] = p.Protocol,
            }).ToArray());
        }

        if (StartupProbe(process) is { } startup)
        {
            container["startupProbe"] = startup;
        }

        if (ReadinessProbe(process) is { } probe)
        {
            container["readinessProbe"] = probe;
        }

        var resources = Resources(spec.Plan);
        if (resources is not null)
        {
            container["resources"] = resources;
        }

        var after = spec.RestartAfter.Where(h => !string.IsNullOrWhiteSpace(h)).ToList();
        if (after.Count > 0)
        {
            container["lifecycle"] = new JsonObject
            {
                ["postStart"] = new JsonObject
                {
                    ["exec"] = new JsonObject { ["command"] = Strings(["/bin/sh", "-lc", string.Join(" && ", after)]) },
                },
            };
        }

        return container;
    }

    private static JsonObject? ReadinessProbe(WorkloadProcess process)
    {
        var port = ProbePort(process);
        if (process.Healthcheck is null && port > 0)
        {
            // No healthcheck: a unit is ready once it accepts connections, so traffic never reaches a unit still starting.
            return new JsonObject { ["tcpSocket"] = new JsonObject { ["port"] = port }, ["periodSeconds"] = 5 };
        }

        return Probe(process.Healthcheck, port);
    }

    private static JsonObject? StartupProbe(WorkloadProcess process) => Probe(process.Startupcheck, ProbePort(process));

    /// <summary>As Tsuru's probes: HTTP checks go to the first port's container port.</summary>
    private static int ProbePort(WorkloadProcess process) =>
        process.AllPorts is [{ Protocol: "TCP" } first, ..] ? first.TargetPort : 0;

    private static JsonObject? Probe(HealthcheckSpec? check, int port)
    {
        JsonObject probe;
        if (check is not null && !string.IsNullOrEmpty(check.Command))
        {
            probe = new JsonObject { ["exec"] = new JsonObject { ["command"] = Strings(["/bin/sh", "-lc", check.Command]) } };
        }
        else if (check is not null && !string.IsNullOrEmpty(check.Path) && port > 0)
        {
            var path = check.Path.StartsWith('/') ? check.Path : "/" + check.Path;
            var get = new JsonObject { ["path"] = path, ["port"] = port, ["scheme"] = check.Scheme };
            if (check.Headers.Count > 0)
            {
                // Sorted, as Tsuru sorts them: the same check gives the same manifest.
                get["httpHeaders"] = new JsonArray(check.Headers.OrderBy(h => h.Key, StringComparer.Ordinal)
                    .Select(h => (JsonNode?)new JsonObject { ["name"] = h.Key, ["value"] = h.Value }).ToArray());
            }

            probe = new JsonObject { ["httpGet"] = get };
        }
        else
        {
            return null;
        }

        probe["periodSeconds"] = Math.Max(check.IntervalSeconds, 1);
        probe["timeoutSeconds"] = Math.Max(check.TimeoutSeconds, 1);
        probe["failureThreshold"] = Math.Max(check.AllowedFailures, 1);
        return probe;
    }

    private static JsonObject? Resources(ResourcePlan plan)
    {
        var quantities = new List<(string Name, string Value)>();
        if (plan.CpuMilli > 0)
        {
            quantities.Add(("cpu", Invariant(plan.CpuMilli) + "m"));
        }

        if (plan.MemoryBytes > 0)
        {
            quantities.Add(("memory", Invariant(plan.MemoryBytes)));
        }

        if (quantities.Count == 0)
        {
            return null;
        }

        var limits = new JsonObject();
        var requests = new JsonObject();
        foreach (var (name, value) in quantities)
        {
            limits[name] = value;
            requests[name] = value;
        }

        return new JsonObject { ["limits"] = limits, ["requests"] = requests };
    }

    private static JsonObject BuildService(WorkloadSpec spec, WorkloadProcess process) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Service",
        ["metadata"] = Metadata(ServiceName(spec.App, process.Name), spec.Namespace, ProcessLabels(spec, process)),
        ["spec"] = new JsonObject
        {
            ["type"] = "ClusterIP",
            // No version in the selector: the service follows whichever version the Deployment runs.
            ["selector"] = Selector(spec, process),
            ["ports"] = new JsonArray(process.AllPorts.Select(p => (JsonNode?)new JsonObject
            {
                ["name"] = p.Name,
                ["protocol"] = p.Protocol,
                ["port"] = p.Port,
                ["targetPort"] = p.TargetPort,
            }).ToArray()),
        },
    };

    private static JsonObject Metadata(string name, string ns, JsonObject labels)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (!string.IsNullOrEmpty(ns))
        {
            metadata["namespace"] = ns;
        }

        metadata["labels"] = labels;
        return metadata;
    }

    private static JsonObject AppLabels(WorkloadSpec spec) => new()
    {
        [ManifestLabels.AppName] = spec.App,
        [ManifestLabels.AppVersion] = Invariant(spec.Version),
        [ManifestLabels.AppTeam] = spec.Team,
        [ManifestLabels.AppPool] = spec.Pool,
        [ManifestLabels.ManagedBy] = ManifestLabels.ManagedByValue,
    };

    private static JsonObject ProcessLabels(WorkloadSpec spec, WorkloadProcess process) => new()
    {
        [ManifestLabels.AppName] = spec.App,
        [ManifestLabels.AppProcess] = process.Name,
        [ManifestLabels.AppVersion] = Invariant(spec.Version),
        [ManifestLabels.IsRoutable] = process.AllPorts.Any(p => p.IsRoutable) ? "true" : "false",
        [ManifestLabels.AppTeam] = spec.Team,
        [ManifestLabels.AppPool] = spec.Pool,
        [ManifestLabels.ManagedBy] = ManifestLabels.ManagedByValue,
    };

    private static JsonObject Selector(WorkloadSpec spec, WorkloadProcess process) => new()
    {
        [ManifestLabels.AppName] = spec.App,
        [ManifestLabels.AppProcess] = process.Name,
    };

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
