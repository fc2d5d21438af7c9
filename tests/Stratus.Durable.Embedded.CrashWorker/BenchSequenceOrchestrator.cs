using Microsoft.DurableTask;

namespace Stratus.Durable.Embedded.CrashWorker;

/// <summary>Calls <see cref="BenchActivity"/> <c>input</c> times in sequence (HelloSequence5 when input is 5).</summary>
public sealed class BenchSequenceOrchestrator : TaskOrchestrator<int, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        var value = 0;
        for (var step = 0; step < input; step++)
        {
            value = await context.CallActivityAsync<int>(nameof(BenchActivity), value);
        }

        return value;
    }
}
