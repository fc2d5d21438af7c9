using System.Globalization;
using k8s.Models;
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

    public static string Process(V1Pod pod) => KubernetesObjects.Label(pod, ManifestLabels.AppProcess) ?? "";

    public static int Version(V1Pod pod) =>
        int.TryParse(KubernetesObjects.Label(pod, ManifestLabels.AppVersion), NumberStyles.Integer, CultureInfo.InvariantCulture, out var version) ? version : 0;

    /// <summary>The container running the process (named after it), else the first one.</summary>
    public static string Container(V1Pod pod) => ProcessContainer(pod)?.Name ?? Process(pod);

    public static bool IsReady(V1Pod pod) =>
        pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    public static UnitInfo ToUnit(V1Pod pod)
    {
        var ready = IsReady(pod);
        var failing = FailureReason(pod) is not null;
        var status = pod.Status?.Phase switch
        {
            "Running" when failing => "error",
            "Running" => ready ? "started" : "starting",
            "Succeeded" => "stopped",
            "Failed" => "error",
            _ when failing => "error",
            _ => "created",
        };
        return new UnitInfo(KubernetesObjects.Name(pod), Process(pod), Version(pod), status, Address(pod), ready) { PortAddresses = PortAddresses(pod) };
    }

    /// <summary>Why the unit has crashed or cannot start, or null when it has not (yet) failed.</summary>
    public static string? FailureReason(V1Pod pod)
    {
        if (pod.Status?.Phase == "Failed")
        {
            return pod.Status.Reason ?? pod.Status.Message ?? "Failed";
        }

        foreach (var container in pod.Status?.ContainerStatuses ?? [])
        {
            var waiting = container.State?.Waiting;
            var terminated = container.State?.Terminated ?? container.LastState?.Terminated;
            var restarts = container.RestartCount;
            var crashed = restarts > 0
                || (waiting?.Reason is { } waitingReason && FailureReasons.Contains(waitingReason))
                || container.State?.Terminated is not null;
            if (!crashed)
            {
                continue;
            }

            var reason = waiting?.Reason ?? terminated?.Reason ?? "Crashed";
            if (terminated is not null)
            {
                reason += string.Create(CultureInfo.InvariantCulture, $" (exit code {terminated.ExitCode})");
            }

            if (restarts > 0)
            {
                reason += string.Create(CultureInfo.InvariantCulture, $", {restarts} restarts");
            }

            return string.IsNullOrEmpty(waiting?.Message) ? reason : $"{reason}: {waiting.Message}";
        }

        return null;
    }

    public static bool HasRestarted(V1Pod pod) => pod.Status?.ContainerStatuses?.Any(c => c.RestartCount > 0) == true;

    private static V1Container? ProcessContainer(V1Pod pod)
    {
        var process = Process(pod);
        var containers = pod.Spec?.Containers;
        var name = Containers.Source.AppBuildManifestParser.KubernetesName(process);
        return containers?.FirstOrDefault(c => c.Name == name) ?? containers?.FirstOrDefault();
    }

    /// <summary>The pod's address on each named container port.</summary>
    private static Dictionary<string, string> PortAddresses(V1Pod pod)
    {
        var addresses = new Dictionary<string, string>(StringComparer.Ordinal);
        var ip = pod.Status?.PodIP;
        if (string.IsNullOrEmpty(ip))
        {
            return addresses;
        }

        var host = ip.Contains(':', StringComparison.Ordinal) ? $"[{ip}]" : ip;
        foreach (var port in ProcessContainer(pod)?.Ports ?? [])
        {
            if (port.ContainerPort > 0 && !string.IsNullOrEmpty(port.Name))
            {
                addresses[port.Name] = string.Create(CultureInfo.InvariantCulture, $"{host}:{port.ContainerPort}");
            }
        }

        return addresses;
    }

    private static string? Address(V1Pod pod)
    {
        var ip = pod.Status?.PodIP;
        if (string.IsNullOrEmpty(ip))
        {
            return null;
        }

        var port = ProcessContainer(pod)?.Ports?.Select(p => p.ContainerPort).FirstOrDefault(p => p > 0) ?? 0;
        if (port == 0)
        {
            return null;
        }

        var host = ip.Contains(':', StringComparison.Ordinal) ? $"[{ip}]" : ip;
        return string.Create(CultureInfo.InvariantCulture, $"{host}:{port}");
    }
}
