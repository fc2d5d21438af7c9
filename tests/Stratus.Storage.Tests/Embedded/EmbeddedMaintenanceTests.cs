using Stratus.Testing;

namespace Stratus.Storage.Tests.Embedded;

public sealed class EmbeddedMaintenanceTests : IDisposable
{
    private readonly EmbeddedTestFolder _folder = new();

    public EmbeddedMaintenanceTests() => _folder.Clock.SetUtcNow(DateTimeOffset.UtcNow);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task RunMaintenanceAsync_OldOrphanAndExpiredMessage_RemovesOnlyThose()
    {
        var ct = TestTimeout.Token();
        var account = _folder.Open();
        var container = account.Blobs.GetContainer("keep");
        await container.CreateIfNotExistsAsync(ct);
        await container.UploadAsync("committed.txt", new MemoryStream("kept"u8.ToArray()), cancellationToken: ct);
        var orphan = Path.Combine(_folder.DataPath, "blobs", Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(orphan, "left by a crash", ct);
        var queue = account.Queues.GetQueue("work");
        await queue.CreateIfNotExistsAsync(ct);
        await queue.SendAsync("short-lived", timeToLive: TimeSpan.FromSeconds(10), cancellationToken: ct);
        await queue.SendAsync("long-lived", timeToLive: TimeSpan.FromDays(7), cancellationToken: ct);

        _folder.Clock.Advance(TimeSpan.FromHours(2));
        var result = await account.RunMaintenanceAsync(ct);

        Assert.Equal(new StorageMaintenanceResult(1, 1), result);
        Assert.False(File.Exists(orphan));
        await using var download = await container.DownloadAsync("committed.txt", cancellationToken: ct);
        Assert.Equal("kept"u8.ToArray(), await TestData.ReadAllAsync(download.Content, ct));
        Assert.Equal(1, await queue.GetApproximateCountAsync(ct));
    }

    [Fact]
    public async Task RunMaintenanceAsync_RecentOrphan_IsLeftForAnUploadInFlight()
    {
        var ct = TestTimeout.Token();
        var account = _folder.Open();
        var inFlight = Path.Combine(_folder.DataPath, "blobs", Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(inFlight, "an upload not yet committed", ct);

        var result = await account.RunMaintenanceAsync(ct);

        Assert.Equal(0, result.OrphanedContentFilesDeleted);
        Assert.True(File.Exists(inFlight));
    }
}
