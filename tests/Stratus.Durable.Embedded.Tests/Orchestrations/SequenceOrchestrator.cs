using Microsoft.DurableTask;

namespace Stratus.Durable.Embedded.Tests.Orchestrations;

/// <summary>Calls <see cref="StepActivity"/> once per step, in order, and joins the results.</summary>
public sealed class SequenceOrchestrator : TaskOrchestrator<int, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, int input)
    {
        var results = new List<string>();
        for (var step = 0; step < input; step++)
        {
            results.Add(await context.CallActivityAsync<string>(nameof(StepActivity), $"s{step}"));
        }

        return string.Join(",", results);
    }

    public static string ExpectedOutput(int steps) => string.Join(",", Enumerable.Range(0, steps).Select(step => $"<s{step}>"));
}
