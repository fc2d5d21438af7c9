using Microsoft.DurableTask;

namespace Stratus.Durable.Tests.Orchestrations;

/// <summary>Calls <see cref="Flaky"/> with a retry policy (backoff 2) and reports how it ended.</summary>
internal sealed class RetryFlaky : TaskOrchestrator<RetryInput, RetryResult>
{
    public override async Task<RetryResult> RunAsync(TaskOrchestrationContext context, RetryInput input)
    {
        var policy = new RetryPolicy(input.MaxAttempts, TimeSpan.FromMilliseconds(input.FirstIntervalMs), backoffCoefficient: 2)
        {
            HandleFailure = failure => input.RetryOnly is null || failure.ErrorType.EndsWith(input.RetryOnly, StringComparison.Ordinal),
        };

        try
        {
            return new RetryResult(await context.CallActivityAsync<int>(nameof(Flaky), input.Call, TaskOptions.FromRetryPolicy(policy)), null);
        }
        catch (TaskFailedException failed)
        {
            return new RetryResult(0, failed.FailureDetails.ErrorMessage);
        }
    }
}
