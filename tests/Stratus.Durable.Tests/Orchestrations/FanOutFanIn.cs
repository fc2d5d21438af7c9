using Microsoft.DurableTask;

namespace Stratus.Durable.Tests.Orchestrations;

/// <summary>Squares 1..n in parallel and sums them.</summary>
internal sealed class FanOutFanIn : TaskOrchestrator<int, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        var squares = await Task.WhenAll(Enumerable.Range(1, input).Select(i => context.CallActivityAsync<int>(nameof(Square), i)));
        return squares.Sum();
    }
}
