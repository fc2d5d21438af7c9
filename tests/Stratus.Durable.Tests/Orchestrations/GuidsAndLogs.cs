using Microsoft.Extensions.Logging;

namespace Stratus.Durable.Tests.Orchestrations;

/// <summary>Makes two GUIDs and logs around an activity call; used to check replay determinism and replay-safe logging.</summary>
public sealed class GuidsAndLogs(ILogger<GuidsAndLogs> logger) : Orchestrator<object?, Guid[]>
{
    public override async Task<Guid[]> RunAsync(OrchestrationContext context, object? input)
    {
        var log = context.CreateReplaySafeLogger(logger);
        var first = context.NewGuid();
#pragma warning disable CA1848, CA2254 // A test orchestrator: the message itself is what the test counts.
        log.LogWarning("before");
        await context.CallActivityAsync<string>(nameof(SayHello), "x");
        log.LogWarning("after");
#pragma warning restore CA1848, CA2254
        return [first, context.NewGuid()];
    }
}
