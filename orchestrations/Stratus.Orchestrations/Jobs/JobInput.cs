namespace Stratus.Orchestrations.Jobs;

/// <summary>A job, named by its workspace and number.</summary>
public sealed record JobInput(string Organization, string Workspace, int JobId)
{
    public string InstanceId => $"job:{Organization}:{Workspace}:{JobId}";
}
