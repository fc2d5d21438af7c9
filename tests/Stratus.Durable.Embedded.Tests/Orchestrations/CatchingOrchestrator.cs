using Microsoft.DurableTask;

namespace Stratus.Durable.Embedded.Tests.Orchestrations;

/// <summary>Calls <see cref="FailingActivity"/> and reports the failure it catches.</summary>
public sealed class CatchingOrchestrator : TaskOrchestrator<string?, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string? input)
    {
        try
        {
            await context.CallActivityAsync<string>(nameof(FailingActivity), "x");
            return "no failure";
        }
        catch (TaskFailedException exception)
        {
            return $"caught:{exception.FailureDetails.ErrorType}:{exception.FailureDetails.ErrorMessage}";
        }
    }
}
