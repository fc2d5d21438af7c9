using Stratus.Durable;

namespace Stratus.Orchestrations.Apps;

/// <summary>Points the pool's router at the version's ready units; see <see cref="AppRollout.RouteAsync"/>.</summary>
public sealed class RouteAppActivity(AppRollout rollout) : Activity<RolloutInput, bool>
{
    public override Task<bool> RunAsync(ActivityContext context, RolloutInput input) => rollout.RouteAsync(input, context.CancellationToken);
}
