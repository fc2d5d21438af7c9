using Stratus.Storage;

namespace Stratus.Identity.Tests.Stores;

/// <summary>
/// One storage adapter the store tests run against, shared by the tests of one class. Every store keeps its rows in the
/// one fixed table (<see cref="Identity.Stores.IdentityTable.TableName"/>), so tests isolate themselves by unique user,
/// team, token and throttle names; tests that need the fixed bootstrap rows ask for a <see cref="CreateFreshAccountAsync"/>.
/// </summary>
public abstract class StoreBackend : IAsyncLifetime
{
    private IStorageAccount? _account;

    public IStorageAccount Account => _account ?? throw new InvalidOperationException("The backend has not started.");

    /// <summary>A lower-case name no other test uses, valid as a user, team or scope name.</summary>
    public static string UniqueName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..16];

    public async Task InitializeAsync() => _account = await CreateAccountAsync();

    public virtual Task DisposeAsync()
    {
        (_account as IDisposable)?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>An account whose identity table nobody has written to yet.</summary>
    public abstract Task<IStorageAccount> CreateFreshAccountAsync(CancellationToken cancellationToken);

    protected abstract Task<IStorageAccount> CreateAccountAsync();
}
