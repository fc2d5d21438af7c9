namespace Stratus.Durable;

/// <summary>Why something failed: the exception's type name and message, its stack, and the failure it wraps.</summary>
public sealed record FailureDetails(string ErrorType, string ErrorMessage, string? StackTrace = null, FailureDetails? InnerFailure = null)
{
    public static FailureDetails FromException(Exception exception) => exception switch
    {
        TaskFailedException failed => new(typeof(TaskFailedException).FullName!, failed.Message, failed.StackTrace, failed.FailureDetails),
        _ => new(exception.GetType().FullName!, exception.Message, exception.StackTrace,
            exception.InnerException is null ? null : FromException(exception.InnerException)),
    };

    /// <summary>Whether the failure, or one it wraps, is an exception of type <typeparamref name="T"/> (matched by full type name).</summary>
    public bool IsCausedBy<T>()
        where T : Exception
    {
        for (var failure = this; failure is not null; failure = failure.InnerFailure)
        {
            if (failure.ErrorType == typeof(T).FullName)
            {
                return true;
            }
        }

        return false;
    }
}
