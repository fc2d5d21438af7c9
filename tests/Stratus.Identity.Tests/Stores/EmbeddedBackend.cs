using Stratus.Storage;

namespace Stratus.Identity.Tests.Stores;

/// <summary>The embedded adapter (SQLite and files) in temp folders, made as the app makes it.</summary>
public sealed class EmbeddedBackend : StoreBackend
{
    private readonly List<string> _folders = [];
    private readonly List<IStorageAccount> _freshAccounts = [];

    public override Task<IStorageAccount> CreateFreshAccountAsync(CancellationToken cancellationToken)
    {
        var account = Open();
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

    protected override Task<IStorageAccount> CreateAccountAsync() => Task.FromResult(Open());

    private IStorageAccount Open()
    {
        var folder = Directory.CreateTempSubdirectory("stratus-identity-").FullName;
        lock (_folders)
        {
            _folders.Add(folder);
        }

        return StorageAccountFactory.Create(
            new StorageOptions { Provider = StorageProvider.Embedded, DataPath = Path.Combine(folder, "data") },
            TimeProvider.System);
    }
}
