using Microsoft.DurableTask;

namespace Stratus.Api.Orchestrations;

/// <summary>Why an instance failed: the exception's type and message (and the failure it wraps, if any).</summary>
internal sealed record OrchestrationFailure(string ErrorType, string ErrorMessage, string? StackTrace, OrchestrationFailure? Inner)
{
    public static OrchestrationFailure? From(TaskFailureDetails? details) => details is null
        ? null
        : new(details.ErrorType, details.ErrorMessage, details.StackTrace, From(details.InnerFailure));
}
