using Stratus.Durable;

namespace Stratus.Orchestrations.Apps;

/// <summary>Builds and pushes the deploy's image; see <see cref="AppBuilder"/>.</summary>
public sealed class BuildAppActivity(AppBuilder builder) : Activity<AppOperationInput, BuildOutcome>
{
    public override Task<BuildOutcome> RunAsync(ActivityContext context, AppOperationInput input) => builder.BuildAsync(input, context.CancellationToken);
}
