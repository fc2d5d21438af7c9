using Stratus.Storage;

namespace Stratus.Testing.Storage;

/// <summary>
/// The Azure adapter against real Azurite: the process-wide shared one for ordinary tests, and a private one, started
/// on first use, for <see cref="StorageBackend.CreateFreshAccountAsync"/>, since other test processes share the shared one.
/// </summary>
public sealed class AzuriteStorageBackend : StorageBackend
{
    private readonly SemaphoreSlim _privateGate = new(1, 1);
    private AzuriteServer? _private;

    /// <summary>
    /// A private Azurite's account with <paramref name="table"/> deleted: the tests of one class run one at a time, so
    /// the previous one is done with it.
    /// </summary>
    public override async Task<IStorageAccount> CreateFreshAccountAsync(string table, CancellationToken cancellationToken)
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
        await account.Tables.GetTable(table).DeleteIfExistsAsync(cancellationToken);

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
