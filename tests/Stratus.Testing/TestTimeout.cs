namespace Stratus.Testing;

/// <summary>A per-test cancellation token, so a hung call fails the test instead of the run.</summary>
public static class TestTimeout
{
    public static CancellationToken Token(int seconds = 60) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;
}
