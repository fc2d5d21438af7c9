using Stratus.Storage;

namespace Stratus.Infra.Tests.Schedules;

/// <summary>
/// One storage adapter the schedule store tests run against, shared by the tests of one class. The schedules table (and
/// its due partition) is shared, so tests keep apart by organization and look only at their own index rows.
/// </summary>
public abstract class ScheduleBackend : IAsyncLifetime
{
    private IStorageAccount? _account;

    public IStorageAccount Account => _account ?? throw new InvalidOperationException("The backend has not started.");

    public static string UniqueName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..16];

    public async Task InitializeAsync() => _account = await CreateAccountAsync();

    public virtual Task DisposeAsync()
    {
        (_account as IDisposable)?.Dispose();
        return Task.CompletedTask;
    }

    protected abstract Task<IStorageAccount> CreateAccountAsync();
}
