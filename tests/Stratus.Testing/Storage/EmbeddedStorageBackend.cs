using Stratus.Storage;

namespace Stratus.Testing.Storage;

/// <summary>The embedded adapter (SQLite and files) in temp folders removed when the class's tests are done.</summary>
public sealed class EmbeddedStorageBackend : StorageBackend
{
    private readonly List<string> _folders = [];
    private readonly List<IStorageAccount> _freshAccounts = [];

    /// <summary>The data folder of the shared account, for tests that look at what the adapter wrote on disk.</summary>
    public string DataPath { get; private set; } = "";

    public override Task<IStorageAccount> CreateFreshAccountAsync(string table, CancellationToken cancellationToken)
    {
        var account = Open(out _);
        lock (_freshAccounts)
        {
            _freshAccounts.Add(account);
        }

        return Task.FromResult(account);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var account in _freshAccounts)
        {
            (account as IDisposable)?.Dispose();
        }

        foreach (var folder in _folders)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }

    protected override Task<IStorageAccount> CreateAccountAsync()
    {
        var account = Open(out var dataPath);
        DataPath = dataPath;
        return Task.FromResult(account);
    }

    private IStorageAccount Open(out string dataPath)
    {
        var folder = Directory.CreateTempSubdirectory("stratus-store-").FullName;
        lock (_folders)
        {
            _folders.Add(folder);
        }

        dataPath = Path.Combine(folder, "data");
        return StorageAccountFactory.Create(new StorageOptions { Provider = StorageProvider.Embedded, DataPath = dataPath }, TimeProvider.System);
    }
}
