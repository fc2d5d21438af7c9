namespace Stratus.Durable;

/// <summary>
/// An activity: where the I/O happens. Runs at least once per call (a crash may run it again), so make it idempotent.
/// Activities are resolved from a DI scope per execution and may take constructor dependencies.
/// </summary>
public abstract class Activity<TInput, TOutput> : IActivity
{
    public abstract Task<TOutput> RunAsync(ActivityContext context, TInput input);

    async Task<object?> IActivity.RunAsync(ActivityContext context, string? serializedInput)
    {
        var input = DurableSerializer.Deserialize<TInput>(serializedInput);
        return await RunAsync(context, input!);
    }
}
