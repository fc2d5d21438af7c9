namespace Stratus.Durable.Embedded;

/// <summary>
/// One acknowledged state change. The group-commit writer applies many of these in one SQLite transaction, then runs
/// their in-memory effects in commit order and only then completes the caller's task: an acknowledged change is durable.
/// </summary>
internal abstract class DurableWriteOperation
{
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Completion => _completion.Task;

    /// <summary>Writes the change inside the batch transaction (on the writer thread). Throwing rolls back only this operation.</summary>
    public abstract void Apply(WriteStatements statements);

    /// <summary>Mirrors the committed change in memory (wake-ups, sessions, warm state). Runs on the writer thread, in commit order.</summary>
    public virtual void OnCommitted()
    {
    }

    /// <summary>Undoes in-memory reservations taken before or during <see cref="Apply"/> when the change did not commit.</summary>
    public virtual void OnFailed()
    {
    }

    public void Succeed() => _completion.TrySetResult();

    public void Fail(Exception exception) => _completion.TrySetException(exception);
}
