using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
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

    public static string DeploymentName(string app, string process) => $"{app}-{process}";

    public static string ServiceName(string app, string process) => $"{app}-{process}";

    public static IReadOnlyList<JsonObject> Build(WorkloadSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentException.ThrowIfNullOrEmpty(spec.App);

        var manifests = new List<JsonObject> { BuildSecret(spec) };
        foreach (var process in spec.Processes.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            manifests.Add(BuildDeployment(spec, process));
            if (process.Port > 0)
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
            ["name"] = process.Name,
            ["image"] = spec.Image,
            ["command"] = Strings(ContainerCommand(spec.RestartBefore, process.Command)),
            ["envFrom"] = new JsonArray(new JsonObject { ["secretRef"] = new JsonObject { ["name"] = SecretName(spec.App) } }),
        };

        if (process.Port > 0)
        {
            container["env"] = new JsonArray(new JsonObject { ["name"] = "PORT", ["value"] = Invariant(process.Port) });
            container["ports"] = new JsonArray(new JsonObject
            {
                ["name"] = "http",
                ["containerPort"] = process.Port,
                ["protocol"] = "TCP",
            });
        }

        var probe = ReadinessProbe(process);
        if (probe is not null)
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
        var check = process.Healthcheck;
        JsonObject? probe = null;
        if (check is not null && !string.IsNullOrEmpty(check.Command))
        {
            probe = new JsonObject { ["exec"] = new JsonObject { ["command"] = Strings(["/bin/sh", "-lc", check.Command]) } };
        }
        else if (check is not null && !string.IsNullOrEmpty(check.Path) && process.Port > 0)
        {
            var path = check.Path.StartsWith('/') ? check.Path : "/" + check.Path;
            probe = new JsonObject { ["httpGet"] = new JsonObject { ["path"] = path, ["port"] = process.Port } };
        }
        else if (process.Port > 0)
        {
            // No healthcheck: a unit is ready once it accepts connections, so traffic never reaches a unit still starting.
            return new JsonObject { ["tcpSocket"] = new JsonObject { ["port"] = process.Port }, ["periodSeconds"] = 5 };
        }

        if (probe is null || check is null)
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
            ["ports"] = new JsonArray(new JsonObject
            {
                ["name"] = "http-default",
                ["protocol"] = "TCP",
                ["port"] = process.Port,
                ["targetPort"] = process.Port,
            }),
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
        [ManifestLabels.IsRoutable] = process.Port > 0 ? "true" : "false",
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
