using Stratus.Durable;

namespace Stratus.Orchestrations.Apps;

/// <summary>Rolls a version out with the pool's provisioner; see <see cref="AppRollout"/>.</summary>
public sealed class RolloutAppActivity(AppRollout rollout) : Activity<RolloutInput, RolloutOutcome>
{
    public override Task<RolloutOutcome> RunAsync(ActivityContext context, RolloutInput input) => rollout.RolloutAsync(input, context.CancellationToken);
}
