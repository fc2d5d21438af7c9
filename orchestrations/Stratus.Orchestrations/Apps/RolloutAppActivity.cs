using Microsoft.DurableTask;
using Stratus.Durable;

namespace Stratus.Orchestrations.Apps;

/// <summary>Rolls a version out with the pool's provisioner; see <see cref="AppRollout"/>.</summary>
public sealed class RolloutAppActivity(AppRollout rollout, ActivityCancellation cancellation) : TaskActivity<RolloutInput, RolloutOutcome>
{
    public override Task<RolloutOutcome> RunAsync(TaskActivityContext context, RolloutInput input) => rollout.RolloutAsync(input, cancellation.Token);
}
