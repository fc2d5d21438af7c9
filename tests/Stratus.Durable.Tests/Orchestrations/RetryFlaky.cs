namespace Stratus.Durable.Tests.Orchestrations;

/// <summary>Calls <see cref="Flaky"/> with a retry policy; returns the successful call's number and the elapsed orchestration time.</summary>
public sealed class RetryFlaky : Orchestrator<RetryInput, RetryResult>
{
    public override async Task<RetryResult> RunAsync(OrchestrationContext context, RetryInput input)
    {
        var started = context.CurrentUtcDateTime;
        var policy = new RetryPolicy(input.MaxAttempts, TimeSpan.FromMilliseconds(input.FirstIntervalMs))
        {
            BackoffCoefficient = 2,
            Handle = input.RetryOnly is null ? null : f => f.ErrorType.EndsWith(input.RetryOnly, StringComparison.Ordinal),
            RetryTimeout = input.RetryTimeoutMs < 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(input.RetryTimeoutMs),
        };
        try
        {
            var call = await context.CallActivityAsync<int>(nameof(Flaky), input.Call, policy);
            return new RetryResult(call, null, (context.CurrentUtcDateTime - started).TotalMilliseconds);
        }
        catch (TaskFailedException failed)
        {
            return new RetryResult(0, failed.FailureDetails.ErrorMessage, (context.CurrentUtcDateTime - started).TotalMilliseconds);
        }
    }
}
