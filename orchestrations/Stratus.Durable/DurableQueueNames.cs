using System.Globalization;

namespace Stratus.Durable;

/// <summary>The task hub's queues, for whoever declares functions on them (function.json) or watches them.</summary>
public static class DurableQueueNames
{
    public static string Control(string hubName, int partition) =>
        $"{hubName.ToLowerInvariant()}-control-{partition.ToString("D2", CultureInfo.InvariantCulture)}";

    public static string WorkItems(string hubName) => $"{hubName.ToLowerInvariant()}-workitems";
}
