namespace Stratus.Durable;

/// <summary>
/// Cancellation for long activities (terraform steps, builds). <c>TaskActivityContext</c> carries no token, so
/// activities take this service: <see cref="Token"/> fires when the worker stops, and the activity's own work item is
/// then delivered again (to this process after a restart, or to another worker).
/// </summary>
public sealed class ActivityCancellation : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    public CancellationToken Token => _stopping.Token;

    internal void Cancel()
    {
        try
        {
            _stopping.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The container was disposed first: nothing can be listening any more.
        }
    }

    public void Dispose() => _stopping.Dispose();
}
