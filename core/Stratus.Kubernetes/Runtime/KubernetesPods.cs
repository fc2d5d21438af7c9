using System.Globalization;
using System.Text.Json.Nodes;
using Stratus.Kubernetes.Manifests;

namespace Stratus.Kubernetes.Runtime;

/// <summary>Reads units out of pods: Tsuru's unit states, addresses and crash reasons.</summary>
internal static class KubernetesPods
{
    // Waiting reasons that mean the unit will not come up by itself.
    private static readonly HashSet<string> FailureReasons = new(StringComparer.Ordinal)
    {
        "CrashLoopBackOff", "Error", "ErrImagePull", "ImagePullBackOff", "InvalidImageName",
        "CreateContainerConfigError", "CreateContainerError", "RunContainerError",
    };

    public static string Process(JsonObject pod) => KubernetesJson.Label(pod, ManifestLabels.AppProcess) ?? "";

    public static int Version(JsonObject pod) =>
        int.TryParse(KubernetesJson.Label(pod, ManifestLabels.AppVersion), NumberStyles.Integer, CultureInfo.InvariantCulture, out var version) ? version : 0;

    /// <summary>The container running the process (named after it), else the first one.</summary>
    public static string Container(JsonObject pod)
    {
        var containers = pod["spec"]?["containers"] as JsonArray;
        var process = Process(pod);
        var named = containers?.OfType<JsonObject>().FirstOrDefault(c => KubernetesJson.Text(c, "name") == process);
        return KubernetesJson.Text(named ?? containers?.OfType<JsonObject>().FirstOrDefault(), "name") ?? process;
    }

    public static bool IsReady(JsonObject pod) =>
        pod["status"]?["conditions"] is JsonArray conditions
        && conditions.OfType<JsonObject>().Any(c => KubernetesJson.Text(c, "type") == "Ready" && KubernetesJson.Text(c, "status") == "True");

    public static UnitInfo ToUnit(JsonObject pod)
    {
        var ready = IsReady(pod);
        var phase = KubernetesJson.Text(pod["status"], "phase");
        var failing = FailureReason(pod) is not null;
        var status = phase switch
        {
            "Running" when failing => "error",
            "Running" => ready ? "started" : "starting",
            "Succeeded" => "stopped",
            "Failed" => "error",
            _ when failing => "error",
            _ => "created",
        };
        return new UnitInfo(KubernetesJson.Name(pod), Process(pod), Version(pod), status, Address(pod), ready);
    }

    /// <summary>Why the unit has crashed or cannot start, or null when it has not (yet) failed.</summary>
    public static string? FailureReason(JsonObject pod)
    {
        if (KubernetesJson.Text(pod["status"], "phase") == "Failed")
        {
            return KubernetesJson.Text(pod["status"], "reason") ?? KubernetesJson.Text(pod["status"], "message") ?? "Failed";
        }

        foreach (var container in (pod["status"]?["containerStatuses"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            var waiting = container["state"]?["waiting"];
            var waitingReason = KubernetesJson.Text(waiting, "reason");
            var terminated = container["state"]?["terminated"] ?? container["lastState"]?["terminated"];
            var restarts = KubernetesJson.Long(container, "restartCount");
            var crashed = restarts > 0
                || (waitingReason is not null && FailureReasons.Contains(waitingReason))
                || container["state"]?["terminated"] is not null;
            if (!crashed)
            {
                continue;
            }

            var reason = waitingReason ?? KubernetesJson.Text(terminated, "reason") ?? "Crashed";
            if (terminated is not null)
            {
                reason += string.Create(CultureInfo.InvariantCulture, $" (exit code {KubernetesJson.Long(terminated, "exitCode")})");
            }

            if (restarts > 0)
            {
                reason += string.Create(CultureInfo.InvariantCulture, $", {restarts} restarts");
            }

            var message = KubernetesJson.Text(waiting, "message");
            return string.IsNullOrEmpty(message) ? reason : $"{reason}: {message}";
        }

        return null;
    }

    public static bool HasRestarted(JsonObject pod) =>
        (pod["status"]?["containerStatuses"] as JsonArray)?.OfType<JsonObject>().Any(c => KubernetesJson.Long(c, "restartCount") > 0) == true;

    private static string? Address(JsonObject pod)
    {
        var ip = KubernetesJson.Text(pod["status"], "podIP");
        if (string.IsNullOrEmpty(ip))
        {
            return null;
        }

        var container = (pod["spec"]?["containers"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => KubernetesJson.Text(c, "name") == Container(pod));
        var port = (container?["ports"] as JsonArray)?.OfType<JsonObject>().Select(p => KubernetesJson.Long(p, "containerPort")).FirstOrDefault(p => p > 0) ?? 0;
        if (port == 0)
        {
            return null;
        }

        var host = ip.Contains(':', StringComparison.Ordinal) ? $"[{ip}]" : ip;
        return string.Create(CultureInfo.InvariantCulture, $"{host}:{port}");
    }
}
