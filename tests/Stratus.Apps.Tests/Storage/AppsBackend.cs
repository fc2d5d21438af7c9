using Stratus.Storage;

namespace Stratus.Apps.Tests.Storage;

/// <summary>One storage adapter the store tests run against, shared by a class's tests; they keep apart by unique names.</summary>
public abstract class AppsBackend : IAsyncLifetime
{
    private IStorageAccount? _account;

    public IStorageAccount Account => _account ?? throw new InvalidOperationException("The backend has not started.");

    /// <summary>A name no other test uses, valid as an app, pool, plan or platform name.</summary>
    public static string UniqueName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..16];

    public async Task InitializeAsync() => _account = await CreateAccountAsync();

    public virtual Task DisposeAsync()
    {
        (_account as IDisposable)?.Dispose();
        return Task.CompletedTask;
    }

    protected abstract Task<IStorageAccount> CreateAccountAsync();
}
