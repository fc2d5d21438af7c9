namespace Stratus.Durable.Tests.Orchestrations;

/// <summary>
/// Calls the activity named in <see cref="ActivityName"/>, then waits for "go". Changing the name between episodes
/// simulates deploying different code under a running instance.
/// </summary>
public sealed class ChangingCode : Orchestrator<object?, string>
{
    public static volatile string ActivityName = nameof(SayHello);

    public override async Task<string> RunAsync(OrchestrationContext context, object? input)
    {
        await context.CallActivityAsync<string>(ActivityName, "x");
        context.SetCustomStatus("waiting");
        await context.WaitForExternalEvent<string>("go");
        return "done";
    }
}
