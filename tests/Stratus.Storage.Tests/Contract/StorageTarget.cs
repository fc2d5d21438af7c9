using Stratus.Storage;

using Stratus.Testing;

namespace Stratus.Storage.Tests.Contract;

/// <summary>
/// One adapter under the contract suite. The suite runs unchanged against each target; where time must pass, the
/// embedded target moves its fake clock and the Azurite target waits for real.
/// </summary>
public abstract class StorageTarget : IAsyncLifetime
{
    private IStorageAccount? _account;

    public IStorageAccount Account => _account ?? throw new InvalidOperationException("The target has not started.");

    /// <summary><c>true</c> when time passes only through <see cref="AdvanceAsync"/>.</summary>
    public abstract bool HasFakeClock { get; }

    public abstract Task AdvanceAsync(TimeSpan by);

    public async Task InitializeAsync() => _account = await CreateAccountAsync();

    public virtual Task DisposeAsync()
    {
        (_account as IDisposable)?.Dispose();
        return Task.CompletedTask;
    }

    protected abstract Task<IStorageAccount> CreateAccountAsync();
}
