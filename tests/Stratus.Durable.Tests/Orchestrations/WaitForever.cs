namespace Stratus.Durable.Tests.Orchestrations;

/// <summary>Waits for an event nobody sends; counts the "ping" events it sees in its custom status meanwhile.</summary>
public sealed class WaitForever : Orchestrator<object?, string>
{
    public override async Task<string> RunAsync(OrchestrationContext context, object? input)
    {
        context.SetCustomStatus(0);
        for (var pings = 1; ; pings++)
        {
            var name = await context.WaitForExternalEvent<string>("ping");
            if (name == "stop")
            {
                return $"stopped after {pings - 1}";
            }

            context.SetCustomStatus(pings);
        }
    }
}
