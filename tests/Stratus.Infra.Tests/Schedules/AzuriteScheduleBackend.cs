using Stratus.Storage;
using Stratus.Testing;

namespace Stratus.Infra.Tests.Schedules;

/// <summary>The Azure REST adapter against the shared real Azurite; unique organization names keep tests apart.</summary>
public sealed class AzuriteScheduleBackend : ScheduleBackend
{
    protected override async Task<IStorageAccount> CreateAccountAsync() => StorageAccountFactory.Create(
        new StorageOptions { Provider = StorageProvider.Azure, ConnectionString = (await AzuriteServer.Shared).ConnectionString },
        TimeProvider.System);
}
