using Stratus.Durable.History;
using Stratus.Durable.Tests.Infrastructure;
using Stratus.Durable.Tests.Orchestrations;
using Stratus.Testing;

namespace Stratus.Durable.Tests;

public sealed class RetryPolicyTests
{
    public static TheoryData<StorageKind> Storage => [StorageKind.Embedded, StorageKind.Azurite];

    [Theory]
    [MemberData(nameof(Storage))]
    public async Task CallActivityAsync_FailsTwiceWithRetries_SucceedsOnThirdAttempt(StorageKind storage)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(storage);
        var key = Guid.NewGuid().ToString();

        var result = await host.RunAsync(nameof(RetryFlaky), new RetryInput(new FlakyInput(key, 2), MaxAttempts: 5, FirstIntervalMs: 100), cancellation);

        var retry = result.ReadOutputAs<RetryResult>()!;
        Assert.Equal(3, retry.SucceededOnCall);

        // Waits of 100 ms then 200 ms (backoff 2), as durable timers in history.
        Assert.True(retry.ElapsedMs >= 300, $"elapsed {retry.ElapsedMs} ms");
        var history = await host.Client.GetHistoryAsync(result.InstanceId, cancellation);
        Assert.Equal(2, history.OfType<TimerCreatedEvent>().Count());
        Assert.Equal(2, history.OfType<TaskFailedEvent>().Count());
    }

    [Theory]
    [MemberData(nameof(Storage))]
    public async Task CallActivityAsync_AttemptsExhausted_ThrowsLastFailure(StorageKind storage)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(storage);
        var key = Guid.NewGuid().ToString();

        var result = await host.RunAsync(nameof(RetryFlaky), new RetryInput(new FlakyInput(key, 10), MaxAttempts: 3, FirstIntervalMs: 50), cancellation);

        Assert.Equal("call 3", result.ReadOutputAs<RetryResult>()!.LastError);
        Assert.Equal(3, Flaky.Calls[key]);
    }

    [Theory]
    [MemberData(nameof(Storage))]
    public async Task CallActivityAsync_FailureNotHandledByFilter_IsNotRetried(StorageKind storage)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(storage);
        var key = Guid.NewGuid().ToString();

        var input = new RetryInput(new FlakyInput(key, 5, nameof(InvalidOperationException)), MaxAttempts: 5, FirstIntervalMs: 50, RetryOnly: nameof(TimeoutException));
        var result = await host.RunAsync(nameof(RetryFlaky), input, cancellation);

        Assert.Equal("call 1", result.ReadOutputAs<RetryResult>()!.LastError);
        Assert.Equal(1, Flaky.Calls[key]);
    }

    [Theory]
    [MemberData(nameof(Storage))]
    public async Task CallActivityAsync_RetryTimeoutReached_StopsRetrying(StorageKind storage)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(storage);
        var key = Guid.NewGuid().ToString();

        // Waits would be 4 s, then 8 s; a 10 s budget leaves room for the first wait (as long as the first failure is
        // recorded within 6 s, generous even on a loaded machine) but never for the second, which would start at
        // least 12 s after the first attempt.
        var input = new RetryInput(new FlakyInput(key, 10), MaxAttempts: 10, FirstIntervalMs: 4000, RetryTimeoutMs: 10000);
        var result = await host.RunAsync(nameof(RetryFlaky), input, cancellation);

        Assert.Equal("call 2", result.ReadOutputAs<RetryResult>()!.LastError);
    }

    [Fact]
    public void DelayBeforeAttempt_Backoff_GrowsAndIsCapped()
    {
        var policy = new RetryPolicy(10, TimeSpan.FromSeconds(1)) { BackoffCoefficient = 2, MaxRetryInterval = TimeSpan.FromSeconds(5) };

        Assert.Equal(
            [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(5)],
            Enumerable.Range(2, 4).Select(policy.DelayBeforeAttempt));
    }
}
