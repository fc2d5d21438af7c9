using Microsoft.Azure.Functions.Worker;
using Stratus.Api.Events;
using Stratus.Api.Infra.Vcs;

namespace Stratus.AzureFunctions.Triggers;

/// <summary>
/// The queue functions. A throw fails the invocation: the host makes the message visible again and, after host.json's
/// <c>maxDequeueCount</c>, moves it to <c>&lt;queue&gt;-poison</c>, as the standalone listener does.
/// </summary>
internal sealed class QueueFunctions(IServiceProvider services)
{
    [Function(EventQueueFunction.Name)]
    public Task Events(
        [QueueTrigger(EventQueueFunction.QueueName, Connection = "AzureWebJobsStorage")] string message,
        FunctionContext context) =>
        services.GetRequiredService<EventQueueFunction>().RunAsync(
            TriggerInvocations.Queue(EventQueueFunction.Name, EventQueueFunction.QueueName, message, context.BindingContext.BindingData),
            context.CancellationToken);

    [Function(VcsQueueFunction.Name)]
    public Task Vcs(
        [QueueTrigger(VcsQueue.Name, Connection = "AzureWebJobsStorage")] string message,
        FunctionContext context) =>
        services.GetRequiredService<VcsQueueFunction>().RunAsync(
            TriggerInvocations.Queue(VcsQueueFunction.Name, VcsQueue.Name, message, context.BindingContext.BindingData),
            context.CancellationToken);
}
