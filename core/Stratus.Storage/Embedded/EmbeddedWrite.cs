namespace Stratus.Storage.Embedded;

/// <summary>One caller's write, waiting to run in the next group commit. Its outcome is published only after the commit.</summary>
internal sealed class EmbeddedWrite(Func<EmbeddedConnection, object?> work, bool transactional, CancellationToken cancellationToken)
{
    private readonly TaskCompletionSource<object?> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private object? _result;
    private Exception? _error;

    /// <summary><c>false</c> for work that is a single statement and so atomic without a transaction of its own.</summary>
    public bool Transactional { get; } = transactional;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public Task<object?> Task => _completion.Task;

    public bool Failed => _error is not null;

    public void Run(EmbeddedConnection connection)
    {
        _error = null;
        _result = work(connection);
    }

    public void Fail(Exception error)
    {
        _result = null;
        _error = error;
    }

    /// <summary>Forgets the outcome of a run whose transaction was rolled back, before it runs again.</summary>
    public void Reset()
    {
        _result = null;
        _error = null;
    }

    public void Publish()
    {
        if (_error is OperationCanceledException && CancellationToken.IsCancellationRequested)
        {
            _completion.TrySetCanceled(CancellationToken);
        }
        else if (_error is not null)
        {
            _completion.TrySetException(_error);
        }
        else
        {
            _completion.TrySetResult(_result);
        }
    }
}
