using Stratus.Storage;

namespace Stratus.Apps.Tests.Storage;

/// <summary>The embedded adapter (SQLite and files) in a temp folder, made as the app makes it.</summary>
public sealed class EmbeddedAppsBackend : AppsBackend
{
    private readonly string _folder = Directory.CreateTempSubdirectory("stratus-apps-").FullName;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    protected override Task<IStorageAccount> CreateAccountAsync() => Task.FromResult(StorageAccountFactory.Create(
        new StorageOptions { Provider = StorageProvider.Embedded, DataPath = Path.Combine(_folder, "data") },
        TimeProvider.System));
}
