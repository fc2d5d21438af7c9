namespace Stratus.Durable;

/// <summary>
/// Thrown in an orchestrator when an activity or sub-orchestration it awaited failed. <see cref="FailureDetails"/>
/// carries the remote error's type and message.
/// </summary>
public sealed class TaskFailedException : Exception
{
    public TaskFailedException(string taskName, int taskId, FailureDetails failureDetails)
        : base($"Task '{taskName}' (#{taskId}) failed: {failureDetails.ErrorType}: {failureDetails.ErrorMessage}")
    {
        TaskName = taskName;
        TaskId = taskId;
        FailureDetails = failureDetails;
    }

    public TaskFailedException()
        : this("unknown", -1, new FailureDetails("unknown", "unknown"))
    {
    }

    public TaskFailedException(string message)
        : this("unknown", -1, new FailureDetails("unknown", message))
    {
    }

    public TaskFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        TaskName = "unknown";
        FailureDetails = FailureDetails.FromException(innerException);
    }

    public string TaskName { get; } = "unknown";

    public int TaskId { get; } = -1;

    public FailureDetails FailureDetails { get; }
}
