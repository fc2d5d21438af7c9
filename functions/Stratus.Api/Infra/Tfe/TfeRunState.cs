using Stratus.Infra.Jobs;
using Stratus.Infra.Templates;

namespace Stratus.Api.Infra.Tfe;

/// <summary>
/// A Stratus job seen as a TFE run: the run status from the job's status and its steps, and the plan and apply phases
/// from its first plan step and first apply step. A phase that can no longer run reports a final status, because
/// terraform's log reader stops only when the phase has ended.
/// </summary>
internal sealed record TfeRunState(Job Job, IReadOnlyList<JobStep> Steps)
{
    public const string Pending = "pending";
    public const string Planning = "planning";
    public const string Planned = "planned";
    public const string Confirmed = "confirmed";
    public const string Applying = "applying";
    public const string Applied = "applied";
    public const string PlannedAndFinished = "planned_and_finished";
    public const string Discarded = "discarded";
    public const string Canceled = "canceled";
    public const string Errored = "errored";

    public JobStep? PlanStep => Steps.FirstOrDefault(s => s.Type is TclFlowType.TerraformPlan or TclFlowType.TerraformPlanDestroy);

    public JobStep? ApplyStep => Steps.FirstOrDefault(s => s.Type is TclFlowType.TerraformApply or TclFlowType.TerraformDestroy);

    public bool PlanOnly => ApplyStep is null;

    public bool IsDestroy => Steps.Any(s => s.Type is TclFlowType.TerraformPlanDestroy or TclFlowType.TerraformDestroy);

    public bool HasApproval => Steps.Any(s => s.Type == TclFlowType.Approval);

    public bool Final => JobStatus.IsFinal(Job.Status);

    /// <summary>
    /// Planned and waiting for a decision, or about to: terraform reads the run once right after the plan's log ends and
    /// asks for confirmation only if the run is confirmable then, which can be a moment before the approval step starts.
    /// </summary>
    public bool AwaitingDecision => Job.Status == JobStatus.WaitingApproval
        || (Job.Status == JobStatus.Running && Job.PlanChanges == true && PlanStep is { Status: StepStatus.Completed }
            && Steps.Any(s => s.Type == TclFlowType.Approval && s.Status == StepStatus.Pending));

    public string Status => Job.Status switch
    {
        JobStatus.Pending or JobStatus.Queue => Pending,
        JobStatus.WaitingApproval => Planned,
        JobStatus.Approved => Confirmed,
        JobStatus.Running when ApplyStep is { Status: StepStatus.Running or StepStatus.Completed } => Applying,
        JobStatus.Running when PlanStep is { Status: StepStatus.Completed } => Planned,
        JobStatus.Running => Planning,
        JobStatus.Completed => PlanOnly ? PlannedAndFinished : Applied,
        JobStatus.NoChanges => PlannedAndFinished,
        JobStatus.Rejected => Discarded,
        JobStatus.Cancelled => Canceled,
        _ => Errored,
    };

    /// <summary>go-tfe's plan and apply statuses: pending, running, finished, errored, canceled, unreachable.</summary>
    public string PhaseStatus(JobStep? step) => step?.Status switch
    {
        StepStatus.Running => "running",
        StepStatus.Completed => "finished",
        StepStatus.Failed => "errored",
        StepStatus.Cancelled or StepStatus.NotExecuted => "canceled",
        _ when !Final => "pending",
        _ when Job.Status == JobStatus.Cancelled => "canceled",
        _ => "unreachable",
    };

    public static bool PhaseEnded(string phaseStatus) => phaseStatus is "finished" or "errored" or "canceled" or "unreachable";
}
