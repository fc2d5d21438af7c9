using Stratus.Storage;
using Stratus.Testing;

namespace Stratus.Identity.Tests.Stores;

/// <summary>
/// The Azure REST adapter against real Azurite: the shared one for ordinary tests (unique names keep them apart), and a
/// private one for tests that need an untouched identity table, since other test processes share the shared one.
/// </summary>
public sealed class AzuriteBackend : StoreBackend
{
    private readonly SemaphoreSlim _privateGate = new(1, 1);
    private AzuriteServer? _private;

    /// <summary>
    /// Empties the identity table of this fixture's private Azurite. Tests of one class run one at a time, so the
    /// previous test is done with it.
    /// </summary>
    public override async Task<IStorageAccount> CreateFreshAccountAsync(CancellationToken cancellationToken)
    {
        await _privateGate.WaitAsync(cancellationToken);
        try
        {
            _private ??= await AzuriteServer.StartAsync();
        }
        finally
        {
            _privateGate.Release();
        }

        var account = Create(_private.ConnectionString);
        await account.Tables.GetTable(Identity.Stores.IdentityTable.TableName).DeleteIfExistsAsync(cancellationToken);
        return account;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _private?.Dispose();
        _privateGate.Dispose();
    }

    protected override async Task<IStorageAccount> CreateAccountAsync() => Create((await AzuriteServer.Shared).ConnectionString);

    private static IStorageAccount Create(string connectionString) =>
        StorageAccountFactory.Create(new StorageOptions { Provider = StorageProvider.Azure, ConnectionString = connectionString }, TimeProvider.System);
}
