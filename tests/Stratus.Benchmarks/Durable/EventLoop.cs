using Microsoft.DurableTask;

namespace Stratus.Benchmarks.Durable;

/// <summary>Waits for as many "tick" events as the input says, one after another, and returns their sum.</summary>
internal sealed class EventLoop : TaskOrchestrator<int, long>
{
    public const string EventName = "tick";

    public override async Task<long> RunAsync(TaskOrchestrationContext context, int input)
    {
        long sum = 0;
        for (var i = 0; i < input; i++)
        {
            sum += await context.WaitForExternalEvent<int>(EventName);
        }

        return sum;
    }
}
