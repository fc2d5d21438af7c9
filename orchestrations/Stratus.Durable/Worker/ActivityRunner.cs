using Microsoft.Extensions.DependencyInjection;
using Stratus.Durable.History;
using Stratus.Durable.Storage;

namespace Stratus.Durable.Worker;

/// <summary>
/// Runs one work item: resolves the activity in its own DI scope, runs it, and delivers the result or failure to the
/// instance's inbox. If the worker stops or storage fails before the result is delivered, the work item is not
/// acknowledged and runs again: activities are at-least-once.
/// </summary>
internal sealed class ActivityRunner(DurableRegistry registry, PayloadStore payloads, DurableMessaging messaging, IServiceScopeFactory scopes, TimeProvider timeProvider)
{
    public async Task RunAsync(WorkItem item, int attempt, CancellationToken cancellationToken)
    {
        HistoryEvent result;
        try
        {
            var input = await payloads.ResolveAsync(item.Data, item.DataBlob, cancellationToken);
            await using var scope = scopes.CreateAsyncScope();
            var activity = registry.CreateActivity(item.Name, scope.ServiceProvider)
                ?? throw new InvalidOperationException(
                    $"No activity named '{item.Name}' is registered with this worker. Registered: {string.Join(", ", registry.ActivityNames.Order())}.");
            var output = await activity.RunAsync(new ActivityContext(item.Name, item.InstanceId, item.TaskId, attempt, cancellationToken), input);
            result = new TaskCompletedEvent(item.TaskId, item.ExecutionId) { Data = DurableSerializer.Serialize(output) };
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            result = new TaskFailedEvent(item.TaskId, FailureDetails.FromException(exception), item.ExecutionId);
        }

        await messaging.DeliverAsync(item.InstanceId, result with { Timestamp = timeProvider.GetUtcNow() }, cancellationToken);
    }
}
