using Stratus.Infra.Jobs;
using Stratus.Infra.Vcs;
using Stratus.Orchestrations.Jobs;

namespace Stratus.Api.Infra.Vcs;

/// <summary>
/// Queues a report when a speculative plan job ends, so reaching the provider's API (slow, down, rate-limited) is
/// retried by the queue instead of holding up the job's orchestration.
/// </summary>
internal sealed class VcsReportingFinishListener(VcsStore store, VcsQueue queue) : IJobFinishListener
{
    public async Task JobFinishedAsync(Job job, CancellationToken cancellationToken)
    {
        if (job.Via == VcsQueueFunction.Via && await store.GetSpeculativeRunAsync(job.Organization, job.Workspace, job.Id, cancellationToken) is not null)
        {
            await queue.SendAsync(new VcsQueueMessage(VcsQueueMessage.Report, job.Organization, Workspace: job.Workspace, JobId: job.Id), cancellationToken);
        }
    }
}
