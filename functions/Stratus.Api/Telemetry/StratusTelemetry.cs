using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Stratus.Api.Telemetry;

/// <summary>Stratus's own activity source and meter; everything Stratus traces or counts goes through these names.</summary>
public static class StratusTelemetry
{
    public const string Name = "Stratus";

    public static readonly ActivitySource ActivitySource = new(Name);

    public static readonly Meter Meter = new(Name);
}
