using Microsoft.DurableTask;

namespace Stratus.Durable.Tests.Orchestrations;

/// <summary>Waits for "approval" up to the input's milliseconds; returns the payload or "timed out".</summary>
internal sealed class AwaitApproval : TaskOrchestrator<int, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, int input)
    {
        context.SetCustomStatus("waiting");
        try
        {
            return await context.WaitForExternalEvent<string>("approval", TimeSpan.FromMilliseconds(input));
        }
        catch (OperationCanceledException)
        {
            return "timed out";
        }
    }
}
