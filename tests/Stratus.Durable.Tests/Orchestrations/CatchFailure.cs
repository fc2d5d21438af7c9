namespace Stratus.Durable.Tests.Orchestrations;

/// <summary>Calls a failing activity and reports what the orchestrator saw.</summary>
public sealed class CatchFailure : Orchestrator<string, string>
{
    public override async Task<string> RunAsync(OrchestrationContext context, string input)
    {
        try
        {
            await context.CallActivityAsync<string>(nameof(Fail), input);
            return "no failure";
        }
        catch (TaskFailedException failed)
        {
            return $"{failed.TaskName}|{failed.FailureDetails.ErrorType}|{failed.FailureDetails.ErrorMessage}";
        }
    }
}
