using Stratus.Storage.Blobs;
using Stratus.Storage.Tables;
using Stratus.Testing;

namespace Stratus.Storage.Tests.Embedded;

/// <summary>What only the embedded store has: files on disk, blob names that must never become paths, reopening.</summary>
public sealed class EmbeddedStoreTests : IDisposable
{
    private readonly EmbeddedTestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task UploadAsync_HostileBlobNames_StayInsideTheDataFolder()
    {
        var ct = TestTimeout.Token();
        var container = _folder.Open().Blobs.GetContainer("hostile");
        await container.CreateIfNotExistsAsync(ct);

        // Dot segments are refused outright; what remains may still look like a path and must not be used as one.
        // At most two levels up: were a name ever used as a path, the file would land in the test's own temp folder.
        foreach (var refused in new[] { "../../etc/passwd", "../escape.txt", "/absolute/path.txt", "a/../../b.txt", "../..//x" })
        {
            await Assert.ThrowsAsync<InvalidStorageRequestException>(() => container.UploadAsync(refused, new MemoryStream([1]), cancellationToken: ct));
        }

        string[] names = ["....x/....y/z", "%2e%2e/%2e%2e/y", "..a/b..c", "~/root/.ssh/id"];
        foreach (var name in names)
        {
            await container.UploadAsync(name, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(name)), cancellationToken: ct);
        }

        Assert.Equal([_folder.DataPath], Directory.GetFileSystemEntries(_folder.Root));
        var contentFiles = Directory.GetFiles(Path.Combine(_folder.DataPath, "blobs"));
        Assert.Equal(names.Length, contentFiles.Length);
        Assert.All(contentFiles, f => Assert.Matches("^[0-9a-f]{32}$", Path.GetFileName(f)));
        Assert.All(Directory.GetFiles(_folder.DataPath), f => Assert.StartsWith("storage.db", Path.GetFileName(f), StringComparison.Ordinal));
        foreach (var name in names)
        {
            await using var download = await container.DownloadAsync(name, cancellationToken: ct);
            using var reader = new StreamReader(download.Content);
            Assert.Equal(name, await reader.ReadToEndAsync(ct));
        }

        var listed = await container.ListAsync(cancellationToken: ct);
        Assert.Equal(names.Order(StringComparer.Ordinal), listed.Items.Select(i => i.Name));
    }

    [Fact]
    public async Task UploadAsync_ReplacedAndDeletedBlobs_LeaveNoContentFilesBehind()
    {
        var ct = TestTimeout.Token();
        var container = _folder.Open().Blobs.GetContainer("files");
        await container.CreateIfNotExistsAsync(ct);

        await container.UploadAsync("x", new MemoryStream([1]), cancellationToken: ct);
        await container.UploadAsync("x", new MemoryStream([2]), cancellationToken: ct);
        Assert.Equal(1, ContentFileCount());
        await container.UploadAsync("y", new MemoryStream([3]), cancellationToken: ct);
        Assert.Equal(2, ContentFileCount());
        await Assert.ThrowsAsync<ResourceConflictException>(() => container.UploadAsync("y", new MemoryStream([4]), new BlobUploadOptions { Conditions = BlobConditions.IfNotExists }, ct));
        Assert.True(await container.DeleteAsync("y", cancellationToken: ct));
        Assert.Equal(1, ContentFileCount());
        Assert.True(await container.DeleteIfExistsAsync(ct));
        Assert.Equal(0, ContentFileCount());
    }

    [Fact]
    public async Task UploadAsync_SourceStreamFails_LeavesNoFileAndNoBlob()
    {
        var ct = TestTimeout.Token();
        var container = _folder.Open().Blobs.GetContainer("broken");
        await container.CreateIfNotExistsAsync(ct);

        await Assert.ThrowsAsync<IOException>(() => container.UploadAsync("b", new FailingStream(1024 * 1024), cancellationToken: ct));

        Assert.Equal(0, ContentFileCount());
        Assert.Null(await container.GetPropertiesAsync("b", ct));
    }

    [Fact]
    public async Task DownloadAsync_BlobReplacedWhileOpen_ReaderKeepsTheOldContent()
    {
        var ct = TestTimeout.Token();
        var container = _folder.Open().Blobs.GetContainer("versions");
        await container.CreateIfNotExistsAsync(ct);
        var old = new byte[200_000];
        Random.Shared.NextBytes(old);
        await container.UploadAsync("b", new MemoryStream(old), cancellationToken: ct);

        await using var download = await container.DownloadAsync("b", cancellationToken: ct);
        await container.UploadAsync("b", new MemoryStream([9, 9, 9]), cancellationToken: ct);
        using var copy = new MemoryStream();
        await download.Content.CopyToAsync(copy, ct);

        Assert.Equal(old, copy.ToArray());
        Assert.Equal(1, ContentFileCount());
    }

    [Fact]
    public async Task Constructor_ReopenedDataFolder_KeepsTablesQueuesAndBlobs()
    {
        var ct = TestTimeout.Token();
        using (var first = _folder.Open())
        {
            var table = first.Tables.GetTable("Kept");
            await table.CreateIfNotExistsAsync(ct);
            await table.InsertAsync(new TableEntity("p", "r") { { "V", 7L } }, ct);
            var queue = first.Queues.GetQueue("kept");
            await queue.CreateIfNotExistsAsync(ct);
            await queue.SendAsync("still here", cancellationToken: ct);
            var container = first.Blobs.GetContainer("kept");
            await container.CreateIfNotExistsAsync(ct);
            await container.UploadAsync("b", new MemoryStream([42]), cancellationToken: ct);
        }

        var second = _folder.Open();

        Assert.Equal($"embedded:{_folder.DataPath}", second.Description);
        Assert.Equal(7L, (await second.Tables.GetTable("KEPT").GetAsync("p", "r", ct))!["V"]);
        Assert.Equal("still here", Assert.Single(await second.Queues.GetQueue("kept").PeekAsync(1, ct)).Text);
        await using var download = await second.Blobs.GetContainer("kept").DownloadAsync("b", cancellationToken: ct);
        Assert.Equal(42, download.Content.ReadByte());
    }

    [Fact]
    public async Task QueryAsync_KeysOutsideTheBasicPlane_SortByUtf16CodeUnitsLikeTheFilters()
    {
        var ct = TestTimeout.Token();
        var table = _folder.Open().Tables.GetTable("ordering");
        await table.CreateIfNotExistsAsync(ct);

        // UTF-8 byte order would put U+FF5E before U+1F600; UTF-16 code-unit (ordinal) order puts the surrogate pair first.
        string[] keys = ["\uFF5E", "\U0001F600", "z", "A"];
        foreach (var key in keys)
        {
            await table.InsertAsync(new TableEntity("p", key), ct);
        }

        var rows = await table.QueryAllAsync(new TableQuery { PartitionKey = "p", RowKeyFrom = "\uD800" }, ct);

        Assert.Equal(keys.Where(k => string.CompareOrdinal(k, "\uD800") >= 0).Order(StringComparer.Ordinal), rows.Select(e => e.RowKey));
        Assert.Equal(["\U0001F600", "\uFF5E"], rows.Select(e => e.RowKey));
    }

    private int ContentFileCount() => Directory.GetFiles(Path.Combine(_folder.DataPath, "blobs")).Length;

    /// <summary>A source that yields some bytes and then fails, like a client connection dropping mid-upload.</summary>
    private sealed class FailingStream(int bytesBeforeFailure) : Stream
    {
        private int _left = bytesBeforeFailure;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_left <= 0)
            {
                throw new IOException("The client went away.");
            }

            var n = Math.Min(count, _left);
            _left -= n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
