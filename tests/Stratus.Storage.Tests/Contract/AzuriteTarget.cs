using Stratus.Storage.Azure;
using Stratus.Testing;

namespace Stratus.Storage.Tests.Contract;

/// <summary>The Azure adapter against the shared real Azurite; time passes for real.</summary>
public sealed class AzuriteTarget : StorageTarget
{
    public override bool HasFakeClock => false;

    public override Task AdvanceAsync(TimeSpan by) => Task.Delay(by);

    protected override async Task<IStorageAccount> CreateAccountAsync()
    {
        var azurite = await AzuriteServer.Shared;
        return AzureStorageAccount.FromConnectionString(azurite.ConnectionString);
    }
}
