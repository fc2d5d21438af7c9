using Stratus.Storage;

namespace Stratus.Infra.Tests.Variables;

/// <summary>The embedded adapter (SQLite and files) in a temp folder, made as the app makes it.</summary>
public sealed class EmbeddedVariableBackend : VariableBackend
{
    private readonly string _folder = Directory.CreateTempSubdirectory("stratus-variables-").FullName;

    public string DataPath => Path.Combine(_folder, "data");

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

    protected override Task<IStorageAccount> CreateAccountAsync() => Task.FromResult(
        StorageAccountFactory.Create(new StorageOptions { Provider = StorageProvider.Embedded, DataPath = DataPath }, TimeProvider.System));
}
