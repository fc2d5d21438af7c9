using Stratus.Storage;
using Stratus.Testing;

namespace Stratus.Apps.Tests.Storage;

/// <summary>The Azure REST adapter against the shared real Azurite.</summary>
public sealed class AzuriteAppsBackend : AppsBackend
{
    protected override async Task<IStorageAccount> CreateAccountAsync() => StorageAccountFactory.Create(
        new StorageOptions { Provider = StorageProvider.Azure, ConnectionString = (await AzuriteServer.Shared).ConnectionString },
        TimeProvider.System);
}
