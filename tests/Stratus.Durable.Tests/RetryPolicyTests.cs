using DurableTask.Core.History;
using Microsoft.DurableTask.Client;
using Stratus.Durable.Tests.Infrastructure;
using Stratus.Durable.Tests.Orchestrations;
using Stratus.Testing;

namespace Stratus.Durable.Tests;

public sealed class RetryPolicyTests
{
    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task CallActivityAsync_FailsTwiceWithRetries_SucceedsOnThirdAttempt(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend);
        var key = Guid.NewGuid().ToString();

        var result = await host.RunAsync(nameof(RetryFlaky), new RetryInput(new FlakyInput(key, 2), MaxAttempts: 5, FirstIntervalMs: 100), cancellation);

        Assert.Equal(new RetryResult(3, null), result.ReadOutputAs<RetryResult>());
        Assert.Equal(3, Flaky.Calls[key]);

        // The waits between attempts are durable timers.
        var history = await host.Client.GetHistoryAsync(result.InstanceId, cancellation);
        Assert.Equal(2, HistoryEvents.Count(history, EventType.TimerCreated));
        Assert.Equal(2, HistoryEvents.Count(history, EventType.TaskFailed));
    }

    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task CallActivityAsync_AttemptsExhausted_ThrowsLastFailure(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend);
        var key = Guid.NewGuid().ToString();

        var result = await host.RunAsync(nameof(RetryFlaky), new RetryInput(new FlakyInput(key, 10), MaxAttempts: 3, FirstIntervalMs: 50), cancellation);

        Assert.Equal(new RetryResult(0, "call 3"), result.ReadOutputAs<RetryResult>());
        Assert.Equal(3, Flaky.Calls[key]);
    }

    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task CallActivityAsync_FailureNotHandledByFilter_IsNotRetried(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend);
        var key = Guid.NewGuid().ToString();
        var input = new RetryInput(new FlakyInput(key, 5, nameof(InvalidOperationException)), MaxAttempts: 5, FirstIntervalMs: 50, RetryOnly: nameof(TimeoutException));

        var result = await host.RunAsync(nameof(RetryFlaky), input, cancellation);

        Assert.Equal(new RetryResult(0, "call 1"), result.ReadOutputAs<RetryResult>());
        Assert.Equal(1, Flaky.Calls[key]);
    }
}
