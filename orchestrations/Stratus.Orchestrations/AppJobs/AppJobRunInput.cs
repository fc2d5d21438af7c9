namespace Stratus.Orchestrations.AppJobs;

/// <summary>One run of a job; <see cref="InstanceId"/> is the orchestration's id, one per run.</summary>
public sealed record AppJobRunInput(string Job, string RunId)
{
    public string InstanceId => $"appjob:{Job}:{RunId}";
}
