using Microsoft.DurableTask;

namespace Stratus.Durable.Tests.Orchestrations;

/// <summary>Counts the "ping" events it gets in its custom status until one says "stop"; returns how many came before.</summary>
internal sealed class WaitForever : TaskOrchestrator<object?, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, object? input)
    {
        context.SetCustomStatus(0);
        for (var pings = 1; ; pings++)
        {
            var ping = await context.WaitForExternalEvent<string>("ping");
            if (ping == "stop")
            {
                return $"stopped after {pings - 1}";
            }

            context.SetCustomStatus(pings);
        }
    }
}
