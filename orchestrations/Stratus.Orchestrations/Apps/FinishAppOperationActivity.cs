using Microsoft.DurableTask;
using Stratus.Durable;

namespace Stratus.Orchestrations.Apps;

/// <summary>Closes the event and releases the app's lock; see <see cref="AppOperationFinisher"/>.</summary>
public sealed class FinishAppOperationActivity(AppOperationFinisher finisher, ActivityCancellation cancellation) : TaskActivity<FinishInput, bool>
{
    public override Task<bool> RunAsync(TaskActivityContext context, FinishInput input) => finisher.FinishAsync(input, cancellation.Token);
}
