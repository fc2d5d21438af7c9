using Microsoft.DurableTask;
using Stratus.Durable;

namespace Stratus.Orchestrations.AppJobs;

/// <summary>Runs the job's container; see <see cref="AppJobExecutor"/>.</summary>
public sealed class RunAppJobActivity(AppJobExecutor executor, ActivityCancellation cancellation) : TaskActivity<AppJobRunInput, AppJobRunOutcome>
{
    public override Task<AppJobRunOutcome> RunAsync(TaskActivityContext context, AppJobRunInput input) => executor.RunAsync(input, cancellation.Token);
}
