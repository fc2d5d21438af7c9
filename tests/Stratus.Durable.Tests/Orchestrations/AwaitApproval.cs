namespace Stratus.Durable.Tests.Orchestrations;

/// <summary>Waits for "approval" up to the input's milliseconds; returns the payload or "timed out".</summary>
public sealed class AwaitApproval : Orchestrator<int, string>
{
    public override async Task<string> RunAsync(OrchestrationContext context, int input)
    {
        context.SetCustomStatus("waiting");
        try
        {
            return await context.WaitForExternalEvent<string>("approval", TimeSpan.FromMilliseconds(input));
        }
        catch (TimeoutException)
        {
            return "timed out";
        }
    }
}
