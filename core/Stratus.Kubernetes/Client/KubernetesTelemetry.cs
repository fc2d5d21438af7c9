using System.Diagnostics;

namespace Stratus.Kubernetes.Client;

/// <summary>Spans for Kubernetes calls and rollout waits.</summary>
internal static class KubernetesTelemetry
{
    /// <summary>
    /// The host's source name ("Stratus", see Stratus.Api's StratusTelemetry): this assembly cannot reference the API, and
    /// sharing the name puts these spans in the export the host already configures.
    /// </summary>
    public const string SourceName = "Stratus";

    public static readonly ActivitySource ActivitySource = new(SourceName);
}
