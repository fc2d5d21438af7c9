using Microsoft.Extensions.Logging.Abstractions;
using Stratus.Api.Triggers;
using Stratus.Api.Maintenance;
using Stratus.Storage;
using Stratus.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Stratus.Api.Tests.Maintenance;

public sealed class StorageMaintenanceFunctionTests
{
    [Fact]
    public async Task RunAsync_EmbeddedStoreWithOldOrphan_SweepsIt()
    {
        var ct = TestTimeout.Token();
        var dataPath = Directory.CreateTempSubdirectory("stratus-maint-").FullName;
        try
        {
            var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
            var storage = StorageAccountFactory.Create(new StorageOptions { Provider = StorageProvider.Embedded, DataPath = dataPath }, clock);
            var orphan = Path.Combine(dataPath, "blobs", Guid.NewGuid().ToString("N"));
            await File.WriteAllTextAsync(orphan, "left by a crash", ct);
            clock.Advance(TimeSpan.FromHours(2));
            var function = new StorageMaintenanceFunction(storage, NullLogger<StorageMaintenanceFunction>.Instance);

            await function.RunAsync(new TimerInvocation(StorageMaintenanceFunction.Name, null, IsPastDue: false), ct);

            Assert.False(File.Exists(orphan));
            (storage as IDisposable)?.Dispose();
        }
        finally
        {
            Directory.Delete(dataPath, recursive: true);
        }
    }
}
