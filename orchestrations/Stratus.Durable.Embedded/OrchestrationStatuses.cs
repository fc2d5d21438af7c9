using DurableTask.Core;

namespace Stratus.Durable.Embedded;

/// <summary>Status groups the backend decides on.</summary>
internal static class OrchestrationStatuses
{
    /// <summary>
    /// What a null dedupe array protects: an instance that has not finished. Re-creating over a completed, failed or
    /// terminated instance is allowed, as in DurableTask.SqlServer (whose default is Pending,Running); AzureStorage does
    /// not dedupe at all on null, which silently restarts running instances, so we do not follow it.
    /// </summary>
    public static readonly OrchestrationStatus[] DefaultDedupe =
    [
        OrchestrationStatus.Pending,
        OrchestrationStatus.Running,
        OrchestrationStatus.Suspended,
        OrchestrationStatus.ContinuedAsNew,
    ];

    public static bool IsTerminal(OrchestrationStatus status) =>
        status is OrchestrationStatus.Completed or OrchestrationStatus.Failed or OrchestrationStatus.Terminated or OrchestrationStatus.Canceled;
}
