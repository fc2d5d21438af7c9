using Microsoft.DurableTask;

namespace Stratus.Durable.Embedded.CrashWorker;

/// <summary>Five steps in sequence, then a child; the output composes every result in order.</summary>
public sealed class CrashSequenceOrchestrator : TaskOrchestrator<string?, string>
{
    public const int Steps = 5;

    public override async Task<string> RunAsync(TaskOrchestrationContext context, string? input)
    {
        var results = new List<string>();
        for (var step = 0; step < Steps; step++)
        {
            results.Add(await context.CallActivityAsync<string>(nameof(CrashStepActivity), $"{context.InstanceId}|{step}"));
        }

        results.Add(await context.CallSubOrchestratorAsync<string>(
            nameof(CrashChildOrchestrator), null, new SubOrchestrationOptions { InstanceId = context.InstanceId + "-child" }));
        return string.Join(";", results);
    }

    /// <summary>What a correct run of <paramref name="instanceId"/> returns.</summary>
    public static string ExpectedOutput(string instanceId) =>
        string.Join(";", Enumerable.Range(0, Steps).Select(step => $"{instanceId}:{step}").Append($"{instanceId}-child:c"));
}
