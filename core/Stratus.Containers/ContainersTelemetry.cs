using System.Diagnostics;

namespace Stratus.Containers;

/// <summary>The activity source for registry calls; the host's OpenTelemetry subscribes to <see cref="SourceName"/>.</summary>
public static class ContainersTelemetry
{
    public const string SourceName = "Stratus.Containers";

    internal static readonly ActivitySource Source = new(SourceName);
}
