using System.ComponentModel.DataAnnotations;

namespace Stratus.Durable;

/// <summary>Settings of the durable engine (section <c>Stratus:Durable</c>).</summary>
public sealed class DurableOptions
{
    public const string SectionName = "Stratus:Durable";

    /// <summary>Names every table, queue and container of the task hub; workers and clients of one hub share it.</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,44}$", ErrorMessage = "HubName must be 3-45 letters or digits, starting with a letter.")]
    public string HubName { get; set; } = "stratus";

    /// <summary>Control queues; instances are spread over them by a hash of their id. Fixed for the life of a hub.</summary>
    [Range(1, 16)]
    public int PartitionCount { get; set; } = 4;

    /// <summary>Whether this process runs a worker (polls its queues). Under the Functions host the host delivers instead.</summary>
    public bool RunWorker { get; set; } = true;

    [Range(1, 1000)]
    public int MaxConcurrentActivities { get; set; } = 100;

    [Range(1, 1000)]
    public int MaxConcurrentOrchestrations { get; set; } = 100;

    public TimeSpan PartitionLeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan PartitionLeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest an idle worker waits between polls; polling backs off to this when queues are empty.</summary>
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a received work item stays invisible; renewed every half of it while the activity runs. It is also
    /// how soon another worker retries the activity after this one dies.
    /// </summary>
    public TimeSpan WorkItemVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a received wake-up stays invisible while its instance is processed: how soon another worker picks it
    /// up after this one dies mid-episode. An episode that outlasts it is safe (the checkpoint's ETag decides).
    /// </summary>
    public TimeSpan ControlMessageVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Timers further out than this are armed in hops (queue messages cannot be delayed beyond 7 days).</summary>
    public TimeSpan MaxTimerDelay { get; set; } = TimeSpan.FromDays(6);

    /// <summary>Payloads longer than this many characters go to a compressed blob instead of a row or message.</summary>
    [Range(1024, 30 * 1024)]
    public int LargePayloadThreshold { get; set; } = 16 * 1024;

    /// <summary>Orchestrations whose replayed state a worker keeps in memory between episodes.</summary>
    [Range(0, 1_000_000)]
    public int ExtendedSessionCapacity { get; set; } = 10_000;

    /// <summary>Who this worker is in the partition table; unique per process by default.</summary>
    public string WorkerId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";
}
