using System.Collections.Concurrent;
using Microsoft.DurableTask;

namespace Stratus.Durable.Tests.Orchestrations;

/// <summary>
/// Calls the activity <see cref="ActivityNames"/> holds for its instance (<see cref="SayHello"/> by default), then
/// waits for "go". Changing the name while it waits stands for deploying different code under a running instance.
/// </summary>
internal sealed class ChangingCode : TaskOrchestrator<object?, string>
{
    public static readonly ConcurrentDictionary<string, string> ActivityNames = new();

    public override async Task<string> RunAsync(TaskOrchestrationContext context, object? input)
    {
        await context.CallActivityAsync<string>(ActivityNames.GetValueOrDefault(context.InstanceId, nameof(SayHello)), "x");
        context.SetCustomStatus("waiting");
        await context.WaitForExternalEvent<string>("go");
        return "done";
    }
}
