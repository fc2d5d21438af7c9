namespace Stratus.Durable.Tests.Infrastructure;

/// <summary>Waits for a condition by checking it often, failing with what it waited for when the token fires.</summary>
internal static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(25);

    public static async Task UntilAsync(Func<Task<bool>> condition, string what, CancellationToken cancellationToken)
    {
        while (!await condition())
        {
            try
            {
                await Task.Delay(Interval, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Timed out waiting until {what}.");
            }
        }
    }

    public static Task UntilAsync(Func<bool> condition, string what, CancellationToken cancellationToken) =>
        UntilAsync(() => Task.FromResult(condition()), what, cancellationToken);
}
