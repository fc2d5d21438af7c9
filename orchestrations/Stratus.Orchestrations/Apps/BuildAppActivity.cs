using Microsoft.DurableTask;
using Stratus.Durable;

namespace Stratus.Orchestrations.Apps;

/// <summary>Builds and pushes the deploy's image; see <see cref="AppBuilder"/>.</summary>
public sealed class BuildAppActivity(AppBuilder builder, ActivityCancellation cancellation) : TaskActivity<AppOperationInput, BuildOutcome>
{
    public override Task<BuildOutcome> RunAsync(TaskActivityContext context, AppOperationInput input) => builder.BuildAsync(input, cancellation.Token);
}
