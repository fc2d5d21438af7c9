namespace Stratus.Durable;

public static class OrchestrationRuntimeStatusExtensions
{
    /// <summary>Completed, failed or terminated: the instance will do nothing more unless it is started again.</summary>
    public static bool IsTerminal(this OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;
}
