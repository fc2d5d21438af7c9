using Stratus.Apps.Jobs;
using Stratus.Orchestrations.Jobs;
using Stratus.Storage;

namespace Stratus.Orchestrations.AppJobs;

/// <summary>
/// Removes a job together with its runs' log blobs. The run rows name the blobs, so they are read first; the job and
/// its rows go next, then the blobs, so a failure part-way leaves at worst unreachable logs, never a job without
/// its history. Logs are deleted by name, not by prefix: the logs container also holds workspace step logs
/// (<c>&lt;org&gt;/&lt;workspace&gt;/…</c>), and an organization may well be called <c>appjobs</c>.
/// </summary>
public sealed class AppJobLogs(AppJobStore jobs, AppJobRunStore runs, IStorageAccount storage)
{
    /// <returns><c>false</c> when there is no such job.</returns>
    public async Task<bool> DeleteJobAsync(string job, CancellationToken cancellationToken)
    {
        var logs = new List<string>();
        string? continuation = null;
        do
        {
            var page = await runs.ListAsync(job, 1000, continuation, cancellationToken);
            logs.AddRange(page.Items.Select(r => r.LogBlob));
            continuation = page.ContinuationToken;
        }
        while (continuation is not null);

        if (!await jobs.DeleteAsync(job, cancellationToken))
        {
            return false;
        }

        var container = storage.Blobs.GetContainer(StepLog.Container);
        foreach (var log in logs)
        {
            await container.DeleteAsync(log, cancellationToken: cancellationToken);
        }

        return true;
    }
}
