using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Stratus.Api.Telemetry;

/// <summary>Stratus's own activity source and meter; everything Stratus traces or counts goes through these names.</summary>
public static class StratusTelemetry
{
    public const string Name = "Stratus";

    public static readonly ActivitySource ActivitySource = new(Name);

    public static readonly Meter Meter = new(Name);

    /// <summary>
    /// Every activity source Stratus code starts spans on: the host's own, durable activity executions, registry calls,
    /// and .NET's outbound HTTP spans (each try of a resilient client shows as its own span).
    /// </summary>
    public static readonly IReadOnlyList<string> SourceNames =
        [Name, Durable.DurableTelemetry.SourceName, Containers.ContainersTelemetry.SourceName, "System.Net.Http"];
}
