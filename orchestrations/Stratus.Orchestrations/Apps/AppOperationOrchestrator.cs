using Microsoft.DurableTask;

namespace Stratus.Orchestrations.Apps;

/// <summary>
/// One app operation, Tsuru's pipeline: build (deploys only: assemble or build, push) → roll out (Secret, Deployment and
/// Service per process, watched, restored on failure) → route → close the event. Whatever happens, the last step
/// closes the event and releases the app's lock, so neither can stay behind.
/// </summary>
public sealed class AppOperationOrchestrator : TaskOrchestrator<AppOperationInput, string>
{
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Canceled = "canceled";

    // Bookkeeping steps are idempotent and retried; build and rollout are not retried blindly (a failed build or a
    // crashing process would fail again), but re-run safely when the host dies under them.
    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromSeconds(1), backoffCoefficient: 2));

    public override async Task<string> RunAsync(TaskOrchestrationContext context, AppOperationInput input)
    {
        var (status, version, error) = await RunStepsAsync(context, input);
        await context.CallActivityAsync<bool>(nameof(FinishAppOperationActivity), new FinishInput(input, status, version, error), Retry);
        return status;
    }

    private static async Task<(string Status, int? Version, string? Error)> RunStepsAsync(TaskOrchestrationContext context, AppOperationInput input)
    {
        // Outside the try, so a step that throws after the build still reports the version it built.
        var version = input.Version;
        try
        {
            if (AppOperationKinds.Builds(input.Kind))
            {
                var built = await context.CallActivityAsync<BuildOutcome>(nameof(BuildAppActivity), input);
                if (!built.Succeeded)
                {
                    return (built.Canceled ? Canceled : Failed, built.Version, built.Error);
                }

                version = built.Version;
            }

            var rollout = await context.CallActivityAsync<RolloutOutcome>(nameof(RolloutAppActivity), new RolloutInput(input.App, input.EventId, input.Kind, version));
            if (!rollout.Succeeded)
            {
                return (Failed, version, rollout.Error);
            }

            if (rollout.Version is not null)
            {
                await context.CallActivityAsync<bool>(nameof(RouteAppActivity), new RolloutInput(input.App, input.EventId, input.Kind, rollout.Version), Retry);
            }

            return (Succeeded, rollout.Version, null);
        }
        catch (TaskFailedException ex)
        {
            return (Failed, version, ex.FailureDetails.ErrorMessage);
        }
    }
}
