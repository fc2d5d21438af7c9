namespace Stratus.Testing;

/// <summary>
/// Waits for a condition by checking it often, and fails naming what it waited for when the token fires. Tests wait
/// for what they need instead of sleeping a fixed time, so a loaded machine makes them slower, not red.
/// </summary>
public static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(25);

    public static async Task UntilAsync(Func<Task<bool>> condition, string what, CancellationToken cancellationToken)
    {
        while (!await condition())
        {
            await DelayAsync(what, cancellationToken);
        }
    }

    public static Task UntilAsync(Func<bool> condition, string what, CancellationToken cancellationToken) =>
        UntilAsync(() => Task.FromResult(condition()), what, cancellationToken);

    /// <summary>Reads until <paramref name="done"/> holds for what was read, and returns that.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, CancellationToken cancellationToken)
    {
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            await DelayAsync(what, cancellationToken);
        }
    }

    private static async Task DelayAsync(string what, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Interval, cancellationToken);
        }
        catch (OperationCanceledException exception)
        {
            throw new TimeoutException($"Timed out waiting until {what}.", exception);
        }
    }
}
