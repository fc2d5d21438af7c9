using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Stratus.Storage.Azure;
using Stratus.Storage.Blobs;
using Stratus.Testing;

namespace Stratus.Storage.Tests.Azure;

/// <summary>
/// The Azure adapter's block upload against Azurite, with 1 KiB blocks so that block boundaries, many-block blobs and
/// failures part-way through are cheap to exercise.
/// </summary>
public sealed class AzureBlobUploadTests
{
    private const int BlockSize = 1024;

    [Theory]
    [InlineData(BlockSize - 1)]
    [InlineData(BlockSize)]
    [InlineData(BlockSize + 1)]
    [InlineData(3 * BlockSize)]
    [InlineData((10 * BlockSize) + 7)]
    public async Task UploadAsync_AroundBlockBoundaries_RoundTrips(int length)
    {
        var ct = TestTimeout.Token();
        var container = await NewContainerAsync(ct);
        var data = TestData.RandomBytes(length);

        var uploaded = await container.UploadAsync("b", new MemoryStream(data), new BlobUploadOptions { ContentType = "application/x-test", Metadata = new Dictionary<string, string> { ["n"] = "1" } }, ct);

        Assert.Equal(length, uploaded.ContentLength);
        await using var download = await container.DownloadAsync("b", cancellationToken: ct);
        Assert.Equal(data, await TestData.ReadAllAsync(download.Content, ct));
        Assert.Equal(uploaded.ETag, download.Properties.ETag);
        Assert.Equal("application/x-test", download.Properties.ContentType);
        Assert.Equal("1", download.Properties.Metadata["n"]);
    }

    [Fact]
    public async Task UploadAsync_StreamReturningShortReads_FillsWholeBlocks()
    {
        var ct = TestTimeout.Token();
        var container = await NewContainerAsync(ct);
        var data = TestData.RandomBytes((5 * BlockSize) + 300);

        await container.UploadAsync("trickle", new TrickleStream(data, chunk: 97), cancellationToken: ct);

        await using var download = await container.DownloadAsync("trickle", cancellationToken: ct);
        Assert.Equal(data, await TestData.ReadAllAsync(download.Content, ct));
    }

    [Fact]
    public async Task UploadAsync_SourceFailsPartWay_CommitsNothingAndKeepsTheOldBlob()
    {
        var ct = TestTimeout.Token();
        var container = await NewContainerAsync(ct);
        await container.UploadAsync("b", new MemoryStream("old"u8.ToArray()), cancellationToken: ct);

        var ex = await Assert.ThrowsAsync<IOException>(
            () => container.UploadAsync("b", new TrickleStream(TestData.RandomBytes(8 * BlockSize), chunk: 512, failAfter: 3 * BlockSize), cancellationToken: ct));

        Assert.Equal("source failed", ex.Message);
        await using var download = await container.DownloadAsync("b", cancellationToken: ct);
        Assert.Equal("old"u8.ToArray(), await TestData.ReadAllAsync(download.Content, ct));
        Assert.Equal(3, download.Properties.ContentLength);
    }

    [Fact]
    public async Task UploadAsync_CancelledPartWay_ThrowsAndCreatesNothing()
    {
        var ct = TestTimeout.Token();
        var container = await NewContainerAsync(ct);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var source = new TrickleStream(TestData.RandomBytes(20 * BlockSize), chunk: 256, onRead: position =>
        {
            if (position >= 4 * BlockSize)
            {
                cancel.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => container.UploadAsync("cancelled", source, cancellationToken: cancel.Token));

        Assert.Null(await container.GetPropertiesAsync("cancelled", ct));
        Assert.True(source.Position < 20 * BlockSize);
    }

    [Fact]
    public async Task UploadAsync_MultiBlockWithStaleIfMatch_ThrowsAndKeepsTheOldContent()
    {
        var ct = TestTimeout.Token();
        var container = await NewContainerAsync(ct);
        var first = await container.UploadAsync("b", new MemoryStream("one"u8.ToArray()), cancellationToken: ct);
        await container.UploadAsync("b", new MemoryStream("two"u8.ToArray()), cancellationToken: ct);

        await Assert.ThrowsAsync<PreconditionFailedException>(
            () => container.UploadAsync("b", new MemoryStream(TestData.RandomBytes(4 * BlockSize)), new BlobUploadOptions { Conditions = BlobConditions.Matching(first.ETag) }, ct));

        await using var download = await container.DownloadAsync("b", cancellationToken: ct);
        Assert.Equal("two"u8.ToArray(), await TestData.ReadAllAsync(download.Content, ct));
    }

    [Fact]
    public async Task UploadAsync_MultiBlockOnLeasedBlob_NeedsTheLeaseIdOnEveryBlock()
    {
        var ct = TestTimeout.Token();
        var container = await NewContainerAsync(ct);
        await container.UploadAsync("leased", new MemoryStream("v1"u8.ToArray()), cancellationToken: ct);
        var leaseId = await container.AcquireLeaseAsync("leased", null, cancellationToken: ct);
        var data = TestData.RandomBytes(3 * BlockSize);

        var missing = await Assert.ThrowsAsync<PreconditionFailedException>(() => container.UploadAsync("leased", new MemoryStream(data), cancellationToken: ct));
        var written = await container.UploadAsync("leased", new MemoryStream(data), new BlobUploadOptions { Conditions = new BlobConditions { LeaseId = leaseId } }, ct);

        Assert.Equal("LeaseIdMissing", missing.ErrorCode);
        Assert.Equal(BlobLeaseState.Leased, written.LeaseState);
        await using var download = await container.DownloadAsync("leased", cancellationToken: ct);
        Assert.Equal(data, await TestData.ReadAllAsync(download.Content, ct));
    }

    [Fact]
    public async Task UploadAsync_ConcurrentUploadsOfOneBlob_NeverMixTheirBlocks()
    {
        var ct = TestTimeout.Token();
        var container = await NewContainerAsync(ct);
        var a = TestData.RandomBytes(6 * BlockSize);
        var b = TestData.RandomBytes(6 * BlockSize);

        // The first commit discards the other upload's uncommitted blocks, so the loser may fail with a conflict.
        var uploads = new[]
        {
            container.UploadAsync("race", new TrickleStream(a, chunk: 300), cancellationToken: ct),
            container.UploadAsync("race", new TrickleStream(b, chunk: 300), cancellationToken: ct),
        };
        try
        {
            await Task.WhenAll(uploads);
        }
        catch (ResourceConflictException ex)
        {
            Assert.Equal("InvalidBlockList", ex.ErrorCode);
        }

        Assert.Contains(uploads, u => u.IsCompletedSuccessfully);
        Assert.All(uploads, u => Assert.True(u.IsCompletedSuccessfully || u.Exception?.InnerException is ResourceConflictException, u.Exception?.ToString()));
        await using var download = await container.DownloadAsync("race", cancellationToken: ct);
        var hash = SHA256.HashData(await TestData.ReadAllAsync(download.Content, ct));
        Assert.True(hash.SequenceEqual(SHA256.HashData(a)) || hash.SequenceEqual(SHA256.HashData(b)), "The blob is a mix of both uploads.");
    }

    [Fact]
    public async Task DownloadAsync_RangeOfMultiBlockBlob_SpansBlocks()
    {
        var ct = TestTimeout.Token();
        var container = await NewContainerAsync(ct);
        var data = TestData.RandomBytes(4 * BlockSize);
        await container.UploadAsync("b", new MemoryStream(data), cancellationToken: ct);

        await using var download = await container.DownloadAsync("b", new BlobDownloadOptions { Range = new BlobRange(BlockSize - 10, BlockSize + 20) }, ct);

        Assert.Equal(data[(BlockSize - 10)..((2 * BlockSize) + 10)], await TestData.ReadAllAsync(download.Content, ct));
        Assert.Equal(4 * BlockSize, download.Properties.ContentLength);
    }

    [Fact]
    public async Task DownloadAsync_IfNoneMatchCurrentETag_ThrowsPreconditionFailed()
    {
        var ct = TestTimeout.Token();
        var container = await NewContainerAsync(ct);
        var uploaded = await container.UploadAsync("b", new MemoryStream("x"u8.ToArray()), cancellationToken: ct);

        await Assert.ThrowsAsync<PreconditionFailedException>(
            () => container.DownloadAsync("b", new BlobDownloadOptions { Conditions = new BlobConditions { IfNoneMatch = uploaded.ETag } }, ct));

        await using var download = await container.DownloadAsync("b", new BlobDownloadOptions { Conditions = new BlobConditions { IfNoneMatch = new ETag("\"0x1\"") } }, ct);
        Assert.Equal("x"u8.ToArray(), await TestData.ReadAllAsync(download.Content, ct));
    }

    [Fact]
    public void Constructor_BlockSizeOutOfRange_Throws()
    {
        var container = new BlobServiceClient("UseDevelopmentStorage=true").GetBlobContainerClient("c");

        Assert.Throws<ArgumentOutOfRangeException>(() => new AzureBlobContainerClient(container, blockSize: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AzureBlobContainerClient(container, blockSize: 512 * 1024 * 1024));
        Assert.Equal(4 * 1024 * 1024, AzureBlobContainerClient.DefaultBlockSize);
    }

    private static async Task<AzureBlobContainerClient> NewContainerAsync(CancellationToken ct)
    {
        var azurite = await AzuriteServer.Shared;
        var service = new BlobServiceClient(azurite.ConnectionString);
        var container = new AzureBlobContainerClient(service.GetBlobContainerClient("up" + Guid.NewGuid().ToString("N")[..20]), BlockSize);
        await container.CreateIfNotExistsAsync(ct);
        return container;
    }

    /// <summary>A forward-only source that hands out at most <c>chunk</c> bytes a read, and can fail part-way.</summary>
    private sealed class TrickleStream(byte[] data, int chunk, int failAfter = int.MaxValue, Action<long>? onRead = null) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_position >= failAfter)
            {
                throw new IOException("source failed");
            }

            var n = Math.Min(Math.Min(chunk, buffer.Length), data.Length - _position);
            data.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            onRead?.Invoke(_position);
            return n;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            return Read(buffer.Span);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
