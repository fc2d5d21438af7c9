using Stratus.Infra.Jobs;

namespace Stratus.Orchestrations.Jobs;

/// <summary>
/// Told when a job has ended (after its final status is stored). The host registers these (VCS reporting); a throw
/// fails the finishing activity, which retries, so a listener must be safe to call twice.
/// </summary>
public interface IJobFinishListener
{
    Task JobFinishedAsync(Job job, CancellationToken cancellationToken);
}
