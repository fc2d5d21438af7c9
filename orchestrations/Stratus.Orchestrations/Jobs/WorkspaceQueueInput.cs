namespace Stratus.Orchestrations.Jobs;

/// <summary>Which workspace's queue an orchestration runs.</summary>
public sealed record WorkspaceQueueInput(string Organization, string Workspace)
{
    /// <summary>One queue per workspace: the id makes a second start a no-op and lets callers signal it.</summary>
    public string InstanceId => $"wsq:{Organization}:{Workspace}";
}
