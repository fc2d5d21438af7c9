namespace Stratus.Durable.TestWorker;

/// <summary>Takes a little while, so a kill lands while some steps are running, then notes that it ran.</summary>
internal sealed class Step(ExecutionLog log) : Activity<long, long>
{
    public override async Task<long> RunAsync(ActivityContext context, long input)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(20, 51)), context.CancellationToken);
        log.Record(context);
        return Apply(input);
    }

    public static long Apply(long input) => (input * 3) + 1;
}
