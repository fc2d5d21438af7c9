using Stratus.Storage;
using Xunit;

namespace Stratus.Testing.Storage;

/// <summary>
/// One storage adapter a store test class runs against, made as the app makes it and shared by the class's tests (an
/// xunit class fixture); tests keep apart by <see cref="UniqueNames"/>. Store suites are written once against this type
/// and run on each adapter through <see cref="EmbeddedStorageBackend"/> and <see cref="AzuriteStorageBackend"/>.
/// </summary>
public abstract class StorageBackend : IAsyncLifetime
{
    private IStorageAccount? _account;

    public IStorageAccount Account => _account ?? throw new InvalidOperationException("The backend has not started.");

    public async Task InitializeAsync() => _account = await CreateAccountAsync();

    public virtual Task DisposeAsync()
    {
        (_account as IDisposable)?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>
    /// An account whose <paramref name="table"/> nobody has written to, for tests that need it in its first state
    /// (fixed-key rows such as a bootstrap admin). The backend disposes of what it started for it.
    /// </summary>
    public abstract Task<IStorageAccount> CreateFreshAccountAsync(string table, CancellationToken cancellationToken);

    protected abstract Task<IStorageAccount> CreateAccountAsync();
}
