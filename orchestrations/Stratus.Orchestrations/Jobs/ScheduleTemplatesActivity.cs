using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.DurableTask;
using Stratus.Durable;
using Stratus.Infra;
using Stratus.Infra.Jobs;
using Stratus.Infra.Schedules;
using Stratus.Infra.Templates;

namespace Stratus.Orchestrations.Jobs;

/// <summary>
/// Terrakube's scheduleTemplates flow: creates, on the job's workspace, one enabled schedule per entry of the flow's
/// <c>templates</c> list (<c>name</c> a template id, <c>schedule</c> a Quartz cron). Every entry is checked before any
/// schedule is written, and each schedule's id comes from the job, step and entry, so a retried activity creates nothing
/// twice.
/// </summary>
public sealed class ScheduleTemplatesActivity(JobStore jobs, TemplateStore templates, ScheduleStore schedules, TimeProvider time, ActivityCancellation cancellation) : TaskActivity<StepInput, StepResult>
{
    public override async Task<StepResult> RunAsync(TaskActivityContext context, StepInput input)
    {
        var ct = cancellation.Token;
        var now = time.GetUtcNow();
        var result = await CreateSchedulesAsync(input, now, ct);
        await jobs.UpdateStepAsync(input.Organization, input.Workspace, input.JobId, input.Step, step => step with
        {
            Status = result.Outcome == StepOutcome.Completed ? StepStatus.Completed : StepStatus.Failed,
            StartedAt = step.StartedAt ?? now,
            FinishedAt = now,
            Reason = result.Reason,
        }, ct);

        return result;
    }

    /// <summary>The schedule id for entry <paramref name="index"/> of the flow: the same on every retry.</summary>
    public static string ScheduleIdFor(StepInput input, int index)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{input.Organization}|{input.Workspace}|{input.JobId}|{input.Step}|{index}")));
        return ScheduleStore.IdPrefix + Convert.ToHexStringLower(hash.AsSpan(0, 8));
    }

    private async Task<StepResult> CreateSchedulesAsync(StepInput input, DateTimeOffset now, CancellationToken ct)
    {
        var job = await jobs.GetAsync(input.Organization, input.Workspace, input.JobId, ct);
        var flow = job is null ? null : TclParser.Parse(job.Tcl).Template?.Flows.FirstOrDefault(f => f.Step == input.Step);
        if (flow is null)
        {
            return new StepResult(StepOutcome.Failed, $"Job {input.JobId} has no scheduleTemplates flow at step {input.Step}.");
        }

        if (flow.Templates.Count == 0)
        {
            return new StepResult(StepOutcome.Failed, "The scheduleTemplates flow lists no templates; add templates: [{name: <template id>, schedule: <Quartz cron>}].");
        }

        var planned = new List<(string Template, QuartzCronExpression Cron)>();
        foreach (var entry in flow.Templates)
        {
            if (!QuartzCronExpression.TryParse(entry.Schedule, out var cron, out var cronProblem))
            {
                return new StepResult(StepOutcome.Failed, $"Template '{entry.Name}': {cronProblem}");
            }

            var id = await FindTemplateAsync(input.Organization, entry.Name, ct);
            if (id is null)
            {
                return new StepResult(StepOutcome.Failed, $"Organization '{input.Organization}' has no template '{entry.Name}' to schedule.");
            }

            planned.Add((id, cron));
        }

        for (var i = 0; i < planned.Count; i++)
        {
            var schedule = new Schedule(
                input.Organization, input.Workspace, ScheduleIdFor(input, i), planned[i].Cron.Text, planned[i].Template,
                $"Created by job {input.JobId}, step {input.Step}.", true, null, null, null, null, now, $"job:{input.JobId}", now);

            // null: this entry was created by an earlier attempt of this activity.
            await schedules.CreateAsync(schedule, now, ct);
        }

        return new StepResult(StepOutcome.Completed, null);
    }

    private async Task<string?> FindTemplateAsync(string organization, string name, CancellationToken ct)
    {
        if (InfraNames.Problem(name, "template") is null && await templates.GetAsync(organization, name, ct) is { } byId)
        {
            return byId.Id;
        }

        var slug = StoredTemplate.Slug(name);
        return InfraNames.Problem(slug, "template") is null && await templates.GetAsync(organization, slug, ct) is { } bySlug ? bySlug.Id : null;
    }
}
