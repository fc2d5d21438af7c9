using Stratus.Storage;

namespace Stratus.Infra.Tests.State;

/// <summary>One storage adapter the state store tests run against, shared by a class's tests; they keep apart by unique workspace names.</summary>
public abstract class StateBackend : IAsyncLifetime
{
    private IStorageAccount? _account;

    public IStorageAccount Account => _account ?? throw new InvalidOperationException("The backend has not started.");

    /// <summary>A name no other test uses, valid as an organization or workspace name.</summary>
    public static string UniqueName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..16];

    public async Task InitializeAsync() => _account = await CreateAccountAsync();

    public virtual Task DisposeAsync()
    {
        (_account as IDisposable)?.Dispose();
        return Task.CompletedTask;
    }

    protected abstract Task<IStorageAccount> CreateAccountAsync();
}
