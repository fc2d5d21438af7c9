using Microsoft.DurableTask;
using Stratus.Durable;

namespace Stratus.Orchestrations.AppJobs;

/// <summary>Records how a run ended; see <see cref="AppJobExecutor.FinishAsync"/>.</summary>
public sealed class FinishAppJobRunActivity(AppJobExecutor executor, ActivityCancellation cancellation) : TaskActivity<AppJobRunFinish, bool>
{
    public override Task<bool> RunAsync(TaskActivityContext context, AppJobRunFinish input) => executor.FinishAsync(input, cancellation.Token);
}
