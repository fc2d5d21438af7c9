using Stratus.Api.Triggers;
using Stratus.Standalone.Triggers.Timers;
using Stratus.Storage;
using Stratus.Storage.Blobs;
using Stratus.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Stratus.Standalone.Tests.Triggers.Timers;

/// <summary>The status blob's conditional writes: two instances on one data folder, each with its own account.</summary>
public sealed class TimerStatusStoreTests : IDisposable
{
    private const string BlobName = "timers/stratus/tick/status";

    private static readonly DateTimeOffset Start = TimerTestbed.Start;

    private readonly string _root = Directory.CreateTempSubdirectory("stratus-timer-status-").FullName;
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly List<IDisposable> _accounts = [];

    public void Dispose()
    {
        foreach (var account in _accounts)
        {
            account.Dispose();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    [Fact]
    public async Task TryReplaceAsync_TwoInstancesClaimFromTheSameRead_ExactlyOneWins()
    {
        var ct = TestTimeout.Token();
        var a = await OpenAsync(ct);
        var b = await OpenAsync(ct);
        var seen = await a.LoadOrCreateAsync(() => Status(Start.AddSeconds(2)), ct);
        var seenByB = await b.LoadOrCreateAsync(() => Status(Start.AddSeconds(4)), ct);

        var claims = await Task.WhenAll(
            a.TryReplaceAsync(new TimerScheduleStatus(Start.AddSeconds(2), Start.AddSeconds(4), Start.AddSeconds(2)), seen.ETag, ct),
            b.TryReplaceAsync(new TimerScheduleStatus(Start.AddSeconds(2), Start.AddSeconds(4), Start.AddSeconds(2)), seenByB.ETag, ct));

        Assert.Equal(seen, seenByB);
        Assert.Single(claims, c => c is not null);
    }

    [Fact]
    public async Task LoadOrCreateAsync_TwoInstancesAtOnce_AgreeOnOneStatus()
    {
        var ct = TestTimeout.Token();
        var a = await OpenAsync(ct);
        var b = await OpenAsync(ct);

        var loaded = await Task.WhenAll(
            a.LoadOrCreateAsync(() => Status(Start.AddSeconds(2)), ct),
            b.LoadOrCreateAsync(() => Status(Start.AddSeconds(4)), ct));

        Assert.Equal(loaded[0], loaded[1]);
    }

    [Fact]
    public async Task LoadOrCreateAsync_UnreadableBlob_ReplacesItWithTheInitialStatus()
    {
        var ct = TestTimeout.Token();
        var (store, container) = await OpenWithContainerAsync(ct);
        using (var garbage = new MemoryStream("{not json"u8.ToArray()))
        {
            await container.UploadAsync(BlobName, garbage, cancellationToken: ct);
        }

        var loaded = await store.LoadOrCreateAsync(() => Status(Start.AddSeconds(2)), ct);

        Assert.Equal(Status(Start.AddSeconds(2)), loaded.Status);
        Assert.Equal(loaded, await store.LoadOrCreateAsync(() => Status(Start.AddSeconds(4)), ct));
    }

    [Fact]
    public async Task TryReplaceAsync_StaleETag_ReturnsNullAndKeepsTheWinner()
    {
        var ct = TestTimeout.Token();
        var store = await OpenAsync(ct);
        var first = await store.LoadOrCreateAsync(() => Status(Start.AddSeconds(2)), ct);
        var winner = new TimerScheduleStatus(Start.AddSeconds(2), Start.AddSeconds(4), Start.AddSeconds(2));
        Assert.NotNull(await store.TryReplaceAsync(winner, first.ETag, ct));

        var stale = await store.TryReplaceAsync(new TimerScheduleStatus(Start.AddSeconds(2), Start.AddSeconds(6), Start.AddSeconds(3)), first.ETag, ct);

        Assert.Null(stale);
        Assert.Equal(winner, (await store.LoadOrCreateAsync(() => Status(Start), ct)).Status);
    }

    private static TimerScheduleStatus Status(DateTimeOffset next) => new(DateTimeOffset.MinValue, next, Start);

    private async Task<TimerStatusStore> OpenAsync(CancellationToken cancellationToken) => (await OpenWithContainerAsync(cancellationToken)).Store;

    private async Task<(TimerStatusStore Store, IBlobContainerClient Container)> OpenWithContainerAsync(CancellationToken cancellationToken)
    {
        var account = StorageAccountFactory.Create(new StorageOptions { Provider = StorageProvider.Embedded, DataPath = Path.Combine(_root, "data") }, _clock);
        _accounts.Add((IDisposable)account);
        var container = account.Blobs.GetContainer(TimerStorageNames.Container);
        await container.CreateIfNotExistsAsync(cancellationToken);
        return (new TimerStatusStore(container, BlobName), container);
    }
}
