namespace Stratus.Standalone.Triggers.Queues;

/// <summary>
/// The standalone queue listeners' settings, bound from <c>Stratus:Functions:Queues</c>. Names and defaults are those of
/// host.json's <c>extensions.queues</c>, so a value means the same whether Stratus or the Functions host polls.
/// </summary>
internal sealed class QueueTriggerOptions
{
    public const string SectionName = "Stratus:Functions:Queues";

    /// <summary>The queue service hands out at most this many messages per receive.</summary>
    public const int MaxBatchSize = 32;

    /// <summary>The shortest wait after an empty poll, as the Functions host's.</summary>
    public static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>A longer wait is surely a typo (and beyond what a timer can take).</summary>
    public static readonly TimeSpan MaxAllowedPollingInterval = TimeSpan.FromDays(1);

    /// <summary>Messages fetched per receive; their invocations run in parallel.</summary>
    public int BatchSize { get; set; } = 16;

    /// <summary>A new batch is fetched once no more than this many messages are in flight. Default: <see cref="BatchSize"/> / 2.</summary>
    public int? NewBatchThreshold { get; set; }

    /// <summary>The longest wait between polls of an empty queue.</summary>
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a message whose invocation failed stays hidden before its next try.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.Zero;

    /// <summary>Tries per message; after the last failed one it moves to <c>&lt;queue&gt;-poison</c>.</summary>
    public int MaxDequeueCount { get; set; } = 5;

    internal int EffectiveNewBatchThreshold => NewBatchThreshold ?? BatchSize / 2;
}
