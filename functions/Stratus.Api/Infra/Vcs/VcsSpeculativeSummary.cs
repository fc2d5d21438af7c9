using System.Text;
using Stratus.Api.Infra.Jobs;
using Stratus.Infra.Jobs;
using Stratus.Orchestrations.Jobs;
using Stratus.Storage;

namespace Stratus.Api.Infra.Vcs;

/// <summary>
/// A finished speculative plan in words: a one-line status description and a comment with terraform's own summary line
/// ("Plan: 1 to add, 0 to change, 0 to destroy." or "No changes.") read from the plan step's log.
/// </summary>
internal sealed class VcsSpeculativeSummary(JobStore jobs, IStorageAccount storage)
{
    public async Task<(string Headline, string Comment)> DescribeAsync(Job job, CancellationToken cancellationToken)
    {
        var planLine = await PlanLineAsync(job, cancellationToken);
        var headline = job.Status switch
        {
            JobStatus.Completed or JobStatus.NoChanges => planLine ?? (job.PlanChanges == true ? "The plan has changes." : "No changes."),
            JobStatus.Failed => "The plan failed" + (job.Reason is { } r ? $": {r}" : "."),
            _ => $"The plan ended {job.Status}.",
        };
        if (headline.Length > 140)
        {
            // GitHub refuses longer status descriptions; the comment carries the whole text.
            headline = headline[..137] + "...";
        }

        var comment = new StringBuilder()
            .AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"**Stratus speculative plan** for workspace `{job.Organization}/{job.Workspace}` (job {job.Id}): **{job.Status}**")
            .AppendLine()
            .AppendLine(planLine ?? (job.Reason ?? headline))
            .ToString();
        return (headline, comment);
    }

    private async Task<string?> PlanLineAsync(Job job, CancellationToken cancellationToken)
    {
        var steps = await jobs.GetStepsAsync(job.Organization, job.Workspace, job.Id, cancellationToken);
        if (steps.FirstOrDefault(s => s.Type == "terraformPlan") is not { } plan)
        {
            return null;
        }

        byte[] log;
        try
        {
            log = await new StepLogReader(storage, StepLog.NameFor(job.Organization, job.Workspace, job.Id, plan.Number)).ReadAllAsync(ansi: false, cancellationToken);
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }

        return Encoding.UTF8.GetString(log).Split('\n')
            .Select(l => l.Trim())
            .LastOrDefault(l => l.StartsWith("Plan: ", StringComparison.Ordinal) || l.StartsWith("No changes.", StringComparison.Ordinal));
    }
}
