using Stratus.Durable;

namespace Stratus.Orchestrations.Apps;

/// <summary>Closes the event and releases the app's lock; see <see cref="AppOperationFinisher"/>.</summary>
public sealed class FinishAppOperationActivity(AppOperationFinisher finisher) : Activity<FinishInput, bool>
{
    public override Task<bool> RunAsync(ActivityContext context, FinishInput input) => finisher.FinishAsync(input, context.CancellationToken);
}
