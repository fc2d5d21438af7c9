using Microsoft.DurableTask;
using Stratus.Infra.Jobs;
using Stratus.Infra.Templates;
using Stratus.Orchestrations.Jobs;
using Stratus.Orchestrations.Tests.Hosting;

namespace Stratus.Orchestrations.Tests.Jobs;

/// <summary>
/// Stand-ins for the job pipeline's activities, registered under the real activities' names: each records its call
/// and answers from its script. No store, terraform or executor is touched. Scripts are set before the host starts.
/// </summary>
internal sealed class JobActivityFakes
{
    public ActivityLog Log { get; } = new();

    /// <summary>What the queue finds next; by default the workspace is gone, which ends a queue.</summary>
    public Func<WorkspaceQueueInput, Task<NextJob>> NextJob { get; set; } = _ => Task.FromResult(new NextJob(null, WorkspaceLocked: false, WorkspaceGone: true));

    /// <summary>How a job starts; by default it runs one plan step with an hour's approval timeout.</summary>
    public Func<JobInput, JobStart> StartJob { get; set; } = _ => Start(Step(1, TclFlowType.TerraformPlan));

    /// <summary>How an executor step ends; by default it completes.</summary>
    public Func<StepInput, Task<StepResult>> RunExecutorStep { get; set; } = _ => Task.FromResult(new StepResult(StepOutcome.Completed, null));

    public Func<StepInput, StepResult> ScheduleTemplates { get; set; } = _ => new StepResult(StepOutcome.Completed, null);

    public static PlannedStep Step(int number, string type, bool ignoreError = false, bool hasOnReject = false) =>
        new(number, type, $"{type} {number}", Team: null, ignoreError, hasOnReject);

    public static JobStart Start(params PlannedStep[] steps) => Start(TimeSpan.FromHours(1), steps);

    public static JobStart Start(TimeSpan approvalTimeout, params PlannedStep[] steps) => new(true, JobStatus.Running, null, steps, approvalTimeout);

    /// <summary>What the queue finds on each look, in order, then <paramref name="after"/> on every look past the end.</summary>
    public static Func<WorkspaceQueueInput, Task<NextJob>> NextJobs(NextJob after, params NextJob[] answers)
    {
        var queue = new Queue<NextJob>(answers);
        var gate = new Lock();
        return _ =>
        {
            lock (gate)
            {
                return Task.FromResult(queue.TryDequeue(out var answer) ? answer : after);
            }
        };
    }

    public void Register(DurableTaskRegistry tasks)
    {
        tasks.AddActivityFunc<WorkspaceQueueInput, NextJob>(nameof(NextJobActivity), (context, input) =>
        {
            Log.Record(context, input);
            return NextJob(input);
        });
        tasks.AddActivityFunc<JobInput, JobStart>(nameof(StartJobActivity), (context, input) => Answer(context, input, StartJob));
        tasks.AddActivityFunc<StepInput, StepResult>(nameof(RunExecutorStepActivity), (context, input) =>
        {
            Log.Record(context, input);
            return RunExecutorStep(input);
        });
        tasks.AddActivityFunc<StepStatusChange, bool>(nameof(SetStatusActivity), (context, input) => Answer(context, input, _ => true));
        tasks.AddActivityFunc<StepInput, bool>(nameof(DisableWorkspaceActivity), (context, input) => Answer(context, input, _ => true));
        tasks.AddActivityFunc<StepInput, StepResult>(nameof(ScheduleTemplatesActivity), (context, input) => Answer(context, input, ScheduleTemplates));
        tasks.AddActivityFunc<JobFinish, bool>(nameof(FinishJobActivity), (context, input) => Answer(context, input, _ => true));
    }

    private TOut Answer<TIn, TOut>(TaskActivityContext context, TIn input, Func<TIn, TOut> script)
    {
        Log.Record(context, input);
        return script(input);
    }
}
