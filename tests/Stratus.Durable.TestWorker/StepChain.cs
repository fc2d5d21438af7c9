namespace Stratus.Durable.TestWorker;

/// <summary>
/// Sequential steps, a short timer, a fan-out and a sub-orchestration: every kind of recorded step, spread over enough
/// episodes that a kill at any moment lands in the middle of some of them.
/// </summary>
internal sealed class StepChain : Orchestrator<int, long>
{
    public const int SequentialSteps = 5;
    public const int FanOut = 5;

    /// <summary>Activity calls per instance, the child's included.</summary>
    public const int ActivityCalls = SequentialSteps + FanOut + 1;

    public override async Task<long> RunAsync(OrchestrationContext context, int input)
    {
        long value = input;
        for (var i = 0; i < SequentialSteps; i++)
        {
            value = await context.CallActivityAsync<long>(nameof(Step), value);
        }

        await context.CreateTimer(TimeSpan.FromMilliseconds(50));
        var branches = await Task.WhenAll(Enumerable.Range(1, FanOut).Select(i => context.CallActivityAsync<long>(nameof(Step), value + i)));
        return await context.CallSubOrchestratorAsync<long>(nameof(StepChild), branches.Sum());
    }

    /// <summary>The output the orchestration must produce, computed without the engine.</summary>
    public static long Expected(int input)
    {
        long value = input;
        for (var i = 0; i < SequentialSteps; i++)
        {
            value = Step.Apply(value);
        }

        var sum = Enumerable.Range(1, FanOut).Sum(i => Step.Apply(value + i));
        return Step.Apply(sum);
    }
}
