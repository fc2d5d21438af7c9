using Microsoft.DurableTask;
using Stratus.Durable;

namespace Stratus.Orchestrations.Apps;

/// <summary>Points the pool's router at the version's ready units; see <see cref="AppRollout.RouteAsync"/>.</summary>
public sealed class RouteAppActivity(AppRollout rollout, ActivityCancellation cancellation) : TaskActivity<RolloutInput, bool>
{
    public override Task<bool> RunAsync(TaskActivityContext context, RolloutInput input) => rollout.RouteAsync(input, cancellation.Token);
}
