using System.ComponentModel.DataAnnotations;

namespace Stratus.Durable;

/// <summary>Settings of the workflow runtime (section <c>Stratus:Durable</c>).</summary>
public sealed class DurableOptions
{
    public const string SectionName = "Stratus:Durable";

    public DurableBackend Backend { get; set; } = DurableBackend.Embedded;

    /// <summary>The task hub: with AzureStorage it names the queues, tables and containers, as Durable Functions' hubName does.</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,44}$", ErrorMessage = "Stratus:Durable:HubName must be 3-45 letters or digits, starting with a letter.")]
    public string HubName { get; set; } = "stratus";

    /// <summary>Whether this process runs a worker. A process that only starts and manages instances turns it off.</summary>
    public bool RunWorker { get; set; } = true;

    [Range(1, 1000)]
    public int MaxConcurrentActivities { get; set; } = 100;

    [Range(1, 1000)]
    public int MaxConcurrentOrchestrations { get; set; } = 100;

    /// <summary>Embedded: the SQLite file; relative paths are under <c>Stratus:Storage:DataPath</c>.</summary>
    public string EmbeddedDatabase { get; set; } = "durable.db";

    /// <summary>AzureStorage: control queues; instances are spread over them by a hash of their id. Fixed for the life of a hub.</summary>
    [Range(1, 16)]
    public int PartitionCount { get; set; } = 4;

    /// <summary>
    /// AzureStorage: this worker's name in the hub's partition leases. Every worker on a hub needs its own, or they
    /// take each other's leases for their own; the default is the machine name and process id.
    /// </summary>
    public string? WorkerId { get; set; }

    /// <summary>AzureStorage: the longest an idle worker waits between queue polls.</summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);
}
