using Microsoft.DurableTask;
using Stratus.Durable;

namespace Stratus.Orchestrations.Jobs;

/// <summary>Runs one executor flow (plan, apply, destroy, scripts) of a job; see <see cref="TerraformStepRunner"/>.</summary>
public sealed class RunExecutorStepActivity(TerraformStepRunner runner, ActivityCancellation cancellation) : TaskActivity<StepInput, StepResult>
{
    public override Task<StepResult> RunAsync(TaskActivityContext context, StepInput input) => runner.RunAsync(input, cancellation.Token);
}
