using Microsoft.DurableTask;

namespace Stratus.Durable.Tests.Orchestrations;

/// <summary>Calls <see cref="Fail"/> and reports what the orchestrator saw: "task name|error type|message".</summary>
internal sealed class CatchFailure : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
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
