using System.Security.Cryptography;
using Azure;
using Stratus.Storage.Blobs;
using Stratus.Testing;

namespace Stratus.Storage.Tests.Contract;

/// <summary>What every blob adapter must do, in the Azure Blob service's terms (Azurite is the reference).</summary>
public abstract class BlobContractTests(StorageTarget target)
{
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task UploadAsync_SmallContent_RoundTripsContentTypeAndMetadata()
    {
        var ct = TestTimeout.Token();
        var container = await NewContainerAsync(ct);
        var data = TestData.RandomBytes(1000);
        var metadata = new Dictionary<string, string> { ["owner"] = "stratus", ["build_id"] = "42" };

        var uploaded = await container.UploadAsync("small.bin", new MemoryStream(data), new BlobUploadOptions { ContentType = "application/x-test", Metadata = metadata }, ct);

        Assert.Equal("small.bin", uploaded.Name);
        Assert.Equal(data.Length, uploaded.ContentLength);
        Assert.NotEqual(default, uploaded.ETag);
        await using var download = await container.DownloadAsync("small.bin", cancellationToken: ct);
        Assert.Equal(data, await TestData.ReadAllAsync(download.Content, ct));
        Assert.Equal(data.Length, download.Properties.ContentLength);
        Assert.Equal("application/x-test", download.Properties.ContentType);
        Assert.Equal(uploaded.ETag, download.Properties.ETag);
        Assert.Equal("stratus", download.Properties.Metadata["owner"]);
        Assert.Equal("42", download.Properties.Metadata["build_id"]);
    }

    [Fact]
    public async Task UploadAsync_MultiBlockContent_RoundTrips()
    {
        var ct = TestTimeout.Token();
        var container = await NewContainerAsync(ct);
        var data = TestData.RandomBytes((9 * 1024 * 1024) + 17);

        var uploaded = await container.UploadAsync("big.bin", new MemoryStream(data), new BlobUploadOptions { Metadata = new Dictionary<string, string> { ["kind"] = "big" } }, ct);

        Assert.Equal(data.Length, uploaded.ContentLength);
        await using var download = await container.DownloadAsync("big.bin", cancellationToken: ct);
        Assert.Equal(SHA256.HashData(data), SHA256.HashData(await TestData.ReadAllAsync(download.Content, ct)));
        Assert.Equal(data.Length, download.Properties.ContentLength);
        Assert.Equal(uploaded.ETag, download.Properties.ETag);
        Assert.Equal("big", download.Properties.Metadata["kind"]);
    }

    [Fact]
    public async Task UploadAsync_EmptyContent_CreatesEmptyBlob()
    {
        var ct = TestTimeout.Token();
        var container = await NewContainerAsync(ct);

        await container.UploadAsync("empty", new MemoryStream(), cancellationToken: ct);

        var properties = await container.GetPropertiesAsync("empty", ct);
        Assert.NotNull(properties);
        Assert.Equal(0, properties.ContentLength);
        await using var download = await container.DownloadAsync("empty", cancellationToken: ct);
        Assert.Empty(await TestData.ReadAllAsync(download.Content, ct));
    }

    [Fact]
    public async Task UploadAsync_ExistingBlob_ReplacesContentAndMetadata()
    {
        var ct = TestTimeout.Token();
        var container = await NewContainerAsync(ct);
        var first = await container.UploadAsync("b", Stream("first"), new BlobUploadOptions { Metadata = new Dictionary<string, string> { ["v"] = "1" } }, ct);

        var second = await container.UploadAsync("b", Stream("second!"), cancellationToken: ct);

        Assert.NotEqual(first.ETag, second.ETag);
        Assert.Equal("second!", await ReadTextAsync(container, "b", ct));
        var properties = await container.GetPropertiesAsync("b", ct);
        Assert.NotNull(properties);
        Assert.Empty(properties.Metadata);
        Assert.Equal(7, properties.ContentLength);
    }

    [Fact]
    public async Task UploadAsync_NamesWithSlashesSpacesAndNonAscii_RoundTrip()
    {
        var ct = TestTimeout.Token();
        var container = await NewContainerAsync(ct);
        string[] names = ["dir/sub dir/file name.txt", "données/été+plus=égal.json", "a%20b/100%", "日本/語"];

        foreach (var name in names)
        {
            await container.UploadAsync(name, Stream(name), cancellationToken: ct);
        }

        foreach (var name in names)
        {
            Assert.Equal(name, await ReadTextAsync(container, name, ct));
        }

        var listed = await container.ListAsync(cancellationToken: ct);
        Assert.Equal(names.Order(StringComparer.Ordinal), listed.Items.Select(i => i.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task DownloadAsync_Range_ReturnsSliceAndWholeLength()
    {
        var ct = TestTimeout.Token();
        var container = await NewContainerAsync(ct);
        var data = TestData.RandomBytes(5000);
        await container.UploadAsync("r", new MemoryStream(data), cancellationToken: ct);

        await using var download = await container.DownloadAsync("r", new BlobDownloadOptions { Range = new BlobRange(100, 50) }, ct);

        Assert.Equal(data[100..150], await TestData.ReadAllAsync(download.Content, ct));
        Assert.Equal(5000, download.Properties.ContentLength);
    }

    [Fact]
    public async Task DownloadAsync_OpenEndedRange_ReturnsTail()
    {
        var ct = TestTimeout.Token();
        var container = await NewContainerAsync(ct);
        var data = TestData.RandomBytes(3000);
        await container.UploadAsync("r", new MemoryStream(data), cancellationToken: ct);

        await using var download = await container.DownloadAsync("r", new BlobDownloadOptions { Range = new BlobRange(2500) }, ct);

        Assert.Equal(data[2500..], await TestData.ReadAllAsync(download.Content, ct));
        Assert.Equal(3000, download.Properties.ContentLength);
    }

    [Fact]
    public async Task DownloadAsync_RangeRunningPastEnd_ReturnsRemainder()
    {
        var ct = TestTimeout.Token();
        var container = await NewContainerAsync(ct);
        var data = TestData.RandomBytes(1000);
        await container.UploadAsync("r", new MemoryStream(data), cancellationToken: ct);

        await using var download = await container.DownloadAsync("r", new BlobDownloadOptions { Range = new BlobRange(900, 500) }, ct);

        Assert.Equal(data[900..], await TestData.ReadAllAsync(download.Content, ct));
        Assert.Equal(1000, download.Properties.ContentLength);
    }

    [Fact]
    public async Task DownloadAsync_RangeStartingPastEnd_ThrowsInvalidRange()
    {
        var ct = TestTimeout.Token();
        var container = await NewContainerAsync(ct);
        await container.UploadAsync("r", new MemoryStream(TestData.RandomBytes(1000)), cancellationToken: ct);

        var ex = await Assert.ThrowsAsync<InvalidStorageRequestException>(
            () => container.DownloadAsync("r", new BlobDownloadOptions { Range = new BlobRange(5000, 10) }, ct));

        Assert.Equal(416, ex.Status);
        Assert.Equal("InvalidRange", ex.ErrorCode);
    }

    [Fact]
    public async Task DownloadAsync_NegativeRange_ThrowsInvalidRequestBeforeSending()
    {
        var ct = TestTimeout.Token();
        var container = target.Account.Blobs.GetContainer(UniqueNames.Next("missing", 20));

        var ex = await Assert.ThrowsAsync<InvalidStorageRequestException>(
            () => container.DownloadAsync("r", new BlobDownloadOptions { Range = new BlobRange(-1, 10) }, ct));

        Assert.Equal("InvalidRange", ex.ErrorCode);
    }

    [Fact]
    public async Task DownloadAsync_MissingBlob_ThrowsBlobNotFound()
    {
        var ct = TestTimeout.Token();
        var container = await NewContainerAsync(ct);

        var ex = await Assert.ThrowsAsync<ResourceNotFoundException>(() => container.DownloadAsync("nope", cancellationToken: ct));

        Assert.Equal("BlobNotFound", ex.ErrorCode);
    }

    [Fact]
    public async Task DownloadAsync_IfMatchStale_ThrowsPreconditionFailed()
    {
        var ct = TestTimeout.Token();
        var container = await NewContainerAsync(ct);
        var first = await container.UploadAsync("b", Stream("one"), cancellationToken: ct);
        await container.UploadAsync("b", Stream("two"), cancellationToken: ct);

        await Assert.ThrowsAsync<PreconditionFailedException>(
            () => container.DownloadAsync("b", new BlobDownloadOptions { Conditions = BlobConditions.Matching(first.ETag) }, ct));
    }

    [Fact]
    public async Task GetPropertiesAsync_ExistingBlob_MatchesUpload()
    {
        var ct = TestTimeout.Token();
        var container = await NewContainerAsync(ct);
        var uploaded = await container.UploadAsync("p", Stream("hello"), new BlobUploadOptions { ContentType = "text/plain", Metadata = new Dictionary<string, string> { ["a"] = "b" } }, ct);

        var properties = await container.GetPropertiesAsync("p", ct);

        Assert.NotNull(properties);
        Assert.Equal(5, properties.ContentLength);
        Assert.Equal("text/plain", properties.ContentType);
        Assert.Equal(uploaded.ETag, properties.ETag);
        Assert.Equal(uploaded.LastModified, properties.LastModified);
        Assert.Equal("b", properties.Metadata["a"]);
        Assert.Equal(BlobLeaseState.Available, properties.LeaseState);
    }

    [Fact]
    public async Task GetPropertiesAsync_MissingBlob_ReturnsNull()
    {
        var ct = TestTimeout.Token();
        var container = await NewContainerAsync(ct);

        Assert.Null(await container.GetPropertiesAsync("nope", ct));
    }

    [Fact]
    public async Task GetPropertiesAsync_UnknownContainer_ThrowsNotFound()
    {
        var ct = TestTimeout.Token();
        var container = target.Account.Blobs.GetContainer(UniqueNames.Next("missing", 20));

        var ex = await Assert.ThrowsAsync<ResourceNotFoundException>(() => container.GetPropertiesAsync("b", ct));

        Assert.Equal("ContainerNotFound", ex.ErrorCode);
    }

    [Fact]
    public async Task UploadAsync_UnknownContainer_ThrowsNotFound()
    {
        var ct = TestTimeout.Token();
        var container = target.Account.Blobs.GetContainer(UniqueNames.Next("missing", 20));

        var ex = await Assert.ThrowsAsync<ResourceNotFoundException>(() => container.UploadAsync("b", Stream("x"), cancellationToken: ct));

        Assert.Equal("ContainerNotFound", ex.ErrorCode);
    }

    [Fact]
    public async Task ListAsync_UnknownContainer_ThrowsNotFound()
    {
        var ct = TestTimeout.Token();
        var container = target.Account.Blobs.GetContainer(UniqueNames.Next("missing", 20));

        var ex = await Assert.ThrowsAsync<ResourceNotFoundException>(() => container.ListAsync(cancellationToken: ct));

        Assert.Equal("ContainerNotFound", ex.ErrorCode);
    }

    [Fact]
    public async Task DeleteAsync_UnknownContainer_ThrowsNotFound()
    {
        var ct = TestTimeout.Token();
        var container = target.Account.Blobs.GetContainer(UniqueNames.Next("missing", 20));

        var ex = await Assert.ThrowsAsync<ResourceNotFoundException>(() => container.DeleteAsync("b", cancellationToken: ct));

        Assert.Equal("ContainerNotFound", ex.ErrorCode);
    }

    [Fact]
    public async Task CreateIfNotExistsAsync_Twice_Succeeds()
    {
        var ct = TestTimeout.Token();
        var container = await NewContainerAsync(ct);

        await container.CreateIfNotExistsAsync(ct);

        Assert.Empty((await container.ListAsync(cancellationToken: ct)).Items);
    }

    [Fact]
    public async Task DeleteIfExistsAsync_ExistingThenMissing_ReturnsTrueThenFalse()
    {
        var ct = TestTimeout.Token();
        var container = await NewContainerAsync(ct);
        await container.UploadAsync("b", Stream("x"), cancellationToken: ct);

        Assert.True(await container.DeleteIfExistsAsync(ct));
        Assert.False(await container.DeleteIfExistsAsync(ct));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => container.ListAsync(cancellationToken: ct));
    }

    [Fact]
    public async Task SetMetadataAsync_ExistingBlob_ReplacesMetadataAndChangesETag()
    {
        var ct = TestTimeout.Token();
        var container = await NewContainerAsync(ct);
        var uploaded = await container.UploadAsync("m", Stream("data"), new BlobUploadOptions { ContentType = "text/plain", Metadata = new Dictionary<string, string> { ["old"] = "1" } }, ct);

        var updated = await container.SetMetadataAsync("m", new Dictionary<string, string> { ["new"] = "2" }, cancellationToken: ct);

        Assert.NotEqual(uploaded.ETag, updated.ETag);
        Assert.Equal(4, updated.ContentLength);
        Assert.Equal("text/plain", updated.ContentType);
        var properties = await container.GetPropertiesAsync("m", ct);
        Assert.NotNull(properties);
        Assert.Equal(updated.ETag, properties.ETag);
        Assert.Equal("2", Assert.Single(properties.Metadata).Value);
        Assert.Equal("data", await ReadTextAsync(container, "m", ct));
    }

    [Fact]
    public async Task SetMetadataAsync_IfMatchStale_ThrowsPreconditionFailed()
    {
        var ct = TestTimeout.Token();
        var container = await NewContainerAsync(ct);
        var first = await container.UploadAsync("m", Stream("one"), cancellationToken: ct);
        await container.UploadAsync("m", Stream("two"), cancellationToken: ct);

        await Assert.ThrowsAsync<PreconditionFailedException>(
            () => container.SetMetadataAsync("m", new Dictionary<string, string> { ["k"] = "v" }, BlobConditions.Matching(first.ETag), ct));

        var properties = await container.GetPropertiesAsync("m", ct);
        Assert.NotNull(properties);
        Assert.Empty(properties.Metadata);
    }

    [Fact]
    public async Task SetMetadataAsync_MissingBlob_ThrowsNotFound()
    {
        var ct = TestTimeout.Token();
        var container = await NewContainerAsync(ct);

        var ex = await Assert.ThrowsAsync<ResourceNotFoundException>(
            () => container.SetMetadataAsync("nope", new Dictionary<string, string> { ["k"] = "v" }, cancellationToken: ct));

        Assert.Equal("BlobNotFound", ex.ErrorCode);
    }

    [Fact]
    public async Task SetMetadataAsync_InvalidMetadataName_ThrowsInvalidRequest()
    {
        var ct = TestTimeout.Token();
        var container = await NewContainerAsync(ct);
        await container.UploadAsync("m", Stream("x"), cancellationToken: ct);

        await Assert.ThrowsAsync<InvalidStorageRequestException>(
            () => container.SetMetadataAsync("m", new Dictionary<string, string> { ["bad-name"] = "v" }, cancellationToken: ct));
    }

    [Fact]
    public async Task DeleteAsync_ExistingBlob_ReturnsTrueThenFalse()
    {
        var ct = TestTimeout.Token();
        var container = await NewContainerAsync(ct);
        await container.UploadAsync("d", Stream("x"), cancellationToken: ct);

        Assert.True(await container.DeleteAsync("d", cancellationToken: ct));
        Assert.False(await container.DeleteAsync("d", cancellationToken: ct));
        Assert.Null(await container.GetPropertiesAsync("d", ct));
    }

    [Fact]
    public async Task DeleteAsync_IfMatchStale_ThrowsPreconditionFailedAndKeepsBlob()
    {
        var ct = TestTimeout.Token();
        var container = await NewContainerAsync(ct);
        var first = await container.UploadAsync("d", Stream("one"), cancellationToken: ct);
        await container.UploadAsync("d", Stream("two"), cancellationToken: ct);

        await Assert.ThrowsAsync<PreconditionFailedException>(() => container.DeleteAsync("d", BlobConditions.Matching(first.ETag), ct));

        Assert.NotNull(await container.GetPropertiesAsync("d", ct));
    }

    [Fact]
    public async Task ListAsync_PrefixAcrossPages_ReturnsAllMatchesInNameOrder()
    {
        var ct = TestTimeout.Token();
        var container = await NewContainerAsync(ct);
        var expected = Enumerable.Range(0, 7).Select(i => $"logs/{i:D2}.txt").ToList();
        foreach (var name in expected.AsEnumerable().Reverse().Concat(["other/a.txt", "logsx", "z.txt"]))
        {
            await container.UploadAsync(name, Stream(name), cancellationToken: ct);
        }

        var seen = new List<string>();
        var pages = 0;
        string? token = null;
        do
        {
            var page = await container.ListAsync("logs/", token, pageSize: 3, ct);
            Assert.True(page.Items.Count <= 3);
            seen.AddRange(page.Items.Select(i => i.Name));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null && pages < 10);

        Assert.Equal(expected, seen);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task ListAsync_Items_CarryPropertiesAndMetadata()
    {
        var ct = TestTimeout.Token();
        var container = await NewContainerAsync(ct);
        var uploaded = await container.UploadAsync("item", Stream("12345"), new BlobUploadOptions { ContentType = "text/csv", Metadata = new Dictionary<string, string> { ["tag"] = "t1" } }, ct);
        await container.AcquireLeaseAsync("item", null, cancellationToken: ct);

        var item = Assert.Single((await container.ListAsync(cancellationToken: ct)).Items);

        Assert.Equal("item", item.Name);
        Assert.Equal(5, item.ContentLength);
        Assert.Equal("text/csv", item.ContentType);
        Assert.Equal(uploaded.ETag, item.ETag);
        Assert.Equal(uploaded.LastModified, item.LastModified);
        Assert.Equal("t1", item.Metadata["tag"]);
        Assert.Equal(BlobLeaseState.Leased, item.LeaseState);
    }

    [Fact]
    public async Task ListAsync_PageSizeOutOfRange_ThrowsInvalidRequest()
    {
        var ct = TestTimeout.Token();
        var container = await NewContainerAsync(ct);

        await Assert.ThrowsAsync<InvalidStorageRequestException>(() => container.ListAsync(pageSize: 0, cancellationToken: ct));
        await Assert.ThrowsAsync<InvalidStorageRequestException>(() => container.ListAsync(pageSize: 5001, cancellationToken: ct));
    }

    [Fact]
    public async Task UploadAsync_IfMatchStale_ThrowsPreconditionFailedAndKeepsContent()
    {
        var ct = TestTimeout.Token();
        var container = await NewContainerAsync(ct);
        var first = await container.UploadAsync("c", Stream("one"), cancellationToken: ct);
        await container.UploadAsync("c", Stream("two"), cancellationToken: ct);

        await Assert.ThrowsAsync<PreconditionFailedException>(
            () => container.UploadAsync("c", Stream("three"), new BlobUploadOptions { Conditions = BlobConditions.Matching(first.ETag) }, ct));

        Assert.Equal("two", await ReadTextAsync(container, "c", ct));
    }

    [Fact]
    public async Task UploadAsync_IfMatchCurrent_Replaces()
    {
        var ct = TestTimeout.Token();
        var container = await NewContainerAsync(ct);
        var first = await container.UploadAsync("c", Stream("one"), cancellationToken: ct);

        var second = await container.UploadAsync("c", Stream("two"), new BlobUploadOptions { Conditions = BlobConditions.Matching(first.ETag) }, ct);

        Assert.NotEqual(first.ETag, second.ETag);
        Assert.Equal("two", await ReadTextAsync(container, "c", ct));
    }

    [Fact]
    public async Task UploadAsync_IfMatchOnMissingBlob_ThrowsPreconditionFailed()
    {
        var ct = TestTimeout.Token();
        var container = await NewContainerAsync(ct);

        await Assert.ThrowsAsync<PreconditionFailedException>(
            () => container.UploadAsync("c", Stream("x"), new BlobUploadOptions { Conditions = BlobConditions.Matching(new ETag("\"0x8D000000000000\"")) }, ct));

        Assert.Null(await container.GetPropertiesAsync("c", ct));
    }

    [Fact]
    public async Task UploadAsync_IfNoneMatchAllOnNewBlob_Creates()
    {
        var ct = TestTimeout.Token();
        var container = await NewContainerAsync(ct);

        await container.UploadAsync("c", Stream("new"), new BlobUploadOptions { Conditions = BlobConditions.IfNotExists }, ct);

        Assert.Equal("new", await ReadTextAsync(container, "c", ct));
    }

    [Fact]
    public async Task UploadAsync_IfNoneMatchAllOnExistingBlob_ThrowsConflict()
    {
        var ct = TestTimeout.Token();
        var container = await NewContainerAsync(ct);
        await container.UploadAsync("c", Stream("first"), cancellationToken: ct);

        var ex = await Assert.ThrowsAsync<ResourceConflictException>(
            () => container.UploadAsync("c", Stream("second"), new BlobUploadOptions { Conditions = BlobConditions.IfNotExists }, ct));

        Assert.Equal("BlobAlreadyExists", ex.ErrorCode);
        Assert.Equal("first", await ReadTextAsync(container, "c", ct));
    }

    [Fact]
    public async Task UploadAsync_MultiBlockIfNoneMatchAllOnExistingBlob_ThrowsConflictAndKeepsContent()
    {
        var ct = TestTimeout.Token();
        var container = await NewContainerAsync(ct);
        await container.UploadAsync("c", Stream("first"), cancellationToken: ct);

        await Assert.ThrowsAsync<ResourceConflictException>(
            () => container.UploadAsync("c", new MemoryStream(TestData.RandomBytes(9 * 1024 * 1024)), new BlobUploadOptions { Conditions = BlobConditions.IfNotExists }, ct));

        Assert.Equal("first", await ReadTextAsync(container, "c", ct));
    }

    [Fact]
    public async Task AcquireLeaseAsync_LeasedBlob_WritesNeedTheLeaseId()
    {
        var ct = TestTimeout.Token();
        var container = await NewContainerAsync(ct);
        await container.UploadAsync("l", Stream("v1"), cancellationToken: ct);

        var leaseId = await container.AcquireLeaseAsync("l", LeaseDuration, cancellationToken: ct);

        Assert.False(string.IsNullOrEmpty(leaseId));
        var properties = await container.GetPropertiesAsync("l", ct);
        Assert.Equal(BlobLeaseState.Leased, properties?.LeaseState);
        var upload = await Assert.ThrowsAsync<PreconditionFailedException>(() => container.UploadAsync("l", Stream("v2"), cancellationToken: ct));
        Assert.Equal("LeaseIdMissing", upload.ErrorCode);
        await Assert.ThrowsAsync<PreconditionFailedException>(() => container.SetMetadataAsync("l", new Dictionary<string, string> { ["k"] = "v" }, cancellationToken: ct));
        await Assert.ThrowsAsync<PreconditionFailedException>(() => container.DeleteAsync("l", cancellationToken: ct));
        await Assert.ThrowsAsync<PreconditionFailedException>(
            () => container.UploadAsync("l", Stream("v2"), new BlobUploadOptions { Conditions = new BlobConditions { LeaseId = Guid.NewGuid().ToString() } }, ct));
        Assert.Equal("v1", await ReadTextAsync(container, "l", ct));

        var written = await container.UploadAsync("l", Stream("v3"), new BlobUploadOptions { Conditions = new BlobConditions { LeaseId = leaseId } }, ct);

        Assert.Equal(BlobLeaseState.Leased, written.LeaseState);
        Assert.Equal("v3", await ReadTextAsync(container, "l", ct));
        Assert.True(await container.DeleteAsync("l", new BlobConditions { LeaseId = leaseId }, ct));
    }

    [Fact]
    public async Task AcquireLeaseAsync_MultiBlockUploadWithLeaseId_Succeeds()
    {
        var ct = TestTimeout.Token();
        var container = await NewContainerAsync(ct);
        await container.UploadAsync("l", Stream("v1"), cancellationToken: ct);
        var leaseId = await container.AcquireLeaseAsync("l", null, cancellationToken: ct);
        var data = TestData.RandomBytes((5 * 1024 * 1024) + 3);

        await Assert.ThrowsAsync<PreconditionFailedException>(() => container.UploadAsync("l", new MemoryStream(data), cancellationToken: ct));
        await container.UploadAsync("l", new MemoryStream(data), new BlobUploadOptions { Conditions = new BlobConditions { LeaseId = leaseId } }, ct);

        await using var download = await container.DownloadAsync("l", cancellationToken: ct);
        Assert.Equal(data.Length, (await TestData.ReadAllAsync(download.Content, ct)).Length);
    }

    [Fact]
    public async Task AcquireLeaseAsync_WhileHeldByAnother_ThrowsConflict()
    {
        var ct = TestTimeout.Token();
        var container = await NewContainerAsync(ct);
        await container.UploadAsync("l", Stream("x"), cancellationToken: ct);
        await container.AcquireLeaseAsync("l", LeaseDuration, cancellationToken: ct);

        var ex = await Assert.ThrowsAsync<ResourceConflictException>(() => container.AcquireLeaseAsync("l", LeaseDuration, cancellationToken: ct));

        Assert.Equal("LeaseAlreadyPresent", ex.ErrorCode);
    }

    [Fact]
    public async Task AcquireLeaseAsync_AgainWithCurrentId_KeepsTheLease()
    {
        var ct = TestTimeout.Token();
        var container = await NewContainerAsync(ct);
        await container.UploadAsync("l", Stream("x"), cancellationToken: ct);
        var proposed = Guid.NewGuid().ToString();

        var first = await container.AcquireLeaseAsync("l", LeaseDuration, proposed, ct);
        var second = await container.AcquireLeaseAsync("l", LeaseDuration, proposed, ct);

        Assert.Equal(proposed, first);
        Assert.Equal(proposed, second);
        await container.RenewLeaseAsync("l", proposed, ct);
        Assert.Equal(BlobLeaseState.Leased, (await container.GetPropertiesAsync("l", ct))?.LeaseState);
    }

    [Fact]
    public async Task AcquireLeaseAsync_DurationOutOfRange_ThrowsInvalidRequestBeforeSending()
    {
        var ct = TestTimeout.Token();
        var container = target.Account.Blobs.GetContainer(UniqueNames.Next("missing", 20));

        await Assert.ThrowsAsync<InvalidStorageRequestException>(() => container.AcquireLeaseAsync("l", TimeSpan.FromSeconds(10), cancellationToken: ct));
        await Assert.ThrowsAsync<InvalidStorageRequestException>(() => container.AcquireLeaseAsync("l", TimeSpan.FromSeconds(61), cancellationToken: ct));
        await Assert.ThrowsAsync<InvalidStorageRequestException>(() => container.BreakLeaseAsync("l", TimeSpan.FromSeconds(61), ct));
    }

    [Fact]
    public async Task AcquireLeaseAsync_MissingBlob_ThrowsNotFound()
    {
        var ct = TestTimeout.Token();
        var container = await NewContainerAsync(ct);

        var ex = await Assert.ThrowsAsync<ResourceNotFoundException>(() => container.AcquireLeaseAsync("nope", LeaseDuration, cancellationToken: ct));

        Assert.Equal("BlobNotFound", ex.ErrorCode);
    }

    [Fact]
    public async Task RenewLeaseAsync_WrongLeaseId_ThrowsConflict()
    {
        var ct = TestTimeout.Token();
        var container = await NewContainerAsync(ct);
        await container.UploadAsync("l", Stream("x"), cancellationToken: ct);
        await container.AcquireLeaseAsync("l", LeaseDuration, cancellationToken: ct);

        var ex = await Assert.ThrowsAsync<ResourceConflictException>(() => container.RenewLeaseAsync("l", Guid.NewGuid().ToString(), ct));

        Assert.Equal("LeaseIdMismatchWithLeaseOperation", ex.ErrorCode);
    }

    [Fact]
    public async Task ReleaseLeaseAsync_HeldLease_FreesTheBlob()
    {
        var ct = TestTimeout.Token();
        var container = await NewContainerAsync(ct);
        await container.UploadAsync("l", Stream("x"), cancellationToken: ct);
        var leaseId = await container.AcquireLeaseAsync("l", LeaseDuration, cancellationToken: ct);

        await container.ReleaseLeaseAsync("l", leaseId, ct);

        Assert.Equal(BlobLeaseState.Available, (await container.GetPropertiesAsync("l", ct))?.LeaseState);
        await container.UploadAsync("l", Stream("free"), cancellationToken: ct);
        var other = await container.AcquireLeaseAsync("l", LeaseDuration, cancellationToken: ct);
        Assert.NotEqual(leaseId, other);
        await Assert.ThrowsAsync<ResourceConflictException>(() => container.RenewLeaseAsync("l", leaseId, ct));
    }

    [Fact]
    public async Task BreakLeaseAsync_Immediately_LetsAnotherAcquire()
    {
        var ct = TestTimeout.Token();
        var container = await NewContainerAsync(ct);
        await container.UploadAsync("l", Stream("x"), cancellationToken: ct);
        var leaseId = await container.AcquireLeaseAsync("l", null, cancellationToken: ct);

        var remaining = await container.BreakLeaseAsync("l", TimeSpan.Zero, ct);

        Assert.Equal(TimeSpan.Zero, remaining);
        Assert.Equal(BlobLeaseState.Broken, (await container.GetPropertiesAsync("l", ct))?.LeaseState);
        await Assert.ThrowsAsync<ResourceConflictException>(() => container.RenewLeaseAsync("l", leaseId, ct));
        await container.UploadAsync("l", Stream("after break"), cancellationToken: ct);
        var other = await container.AcquireLeaseAsync("l", LeaseDuration, cancellationToken: ct);
        Assert.NotEqual(leaseId, other);
    }

    [Fact]
    public async Task BreakLeaseAsync_WithBreakPeriod_BreaksWhenThePeriodEnds()
    {
        var ct = TestTimeout.Token();
        var container = await NewContainerAsync(ct);
        await container.UploadAsync("l", Stream("x"), cancellationToken: ct);
        var leaseId = await container.AcquireLeaseAsync("l", null, cancellationToken: ct);

        var remaining = await container.BreakLeaseAsync("l", TimeSpan.FromSeconds(2), ct);

        Assert.Equal(TimeSpan.FromSeconds(2), remaining);
        Assert.Equal(BlobLeaseState.Breaking, (await container.GetPropertiesAsync("l", ct))?.LeaseState);
        await Assert.ThrowsAsync<ResourceConflictException>(() => container.AcquireLeaseAsync("l", LeaseDuration, cancellationToken: ct));
        await Assert.ThrowsAsync<PreconditionFailedException>(() => container.UploadAsync("l", Stream("y"), cancellationToken: ct));

        await target.AdvanceAsync(TimeSpan.FromSeconds(3));

        Assert.Equal(BlobLeaseState.Broken, (await container.GetPropertiesAsync("l", ct))?.LeaseState);
        var other = await container.AcquireLeaseAsync("l", LeaseDuration, cancellationToken: ct);
        Assert.NotEqual(leaseId, other);
    }

    [Fact]
    public async Task AcquireLeaseAsync_DurationElapses_LeaseExpires()
    {
        var ct = TestTimeout.Token();
        var container = await NewContainerAsync(ct);
        await container.UploadAsync("l", Stream("x"), cancellationToken: ct);
        var leaseId = await container.AcquireLeaseAsync("l", LeaseDuration, cancellationToken: ct);

        await target.AdvanceAsync(LeaseDuration + TimeSpan.FromSeconds(1.5));

        Assert.Equal(BlobLeaseState.Expired, (await container.GetPropertiesAsync("l", ct))?.LeaseState);
        await container.UploadAsync("l", Stream("no lease needed"), cancellationToken: ct);
        var other = await container.AcquireLeaseAsync("l", LeaseDuration, cancellationToken: ct);
        Assert.NotEqual(leaseId, other);
        await Assert.ThrowsAsync<ResourceConflictException>(() => container.RenewLeaseAsync("l", leaseId, ct));
    }

    [Fact]
    public async Task GetContainer_InvalidName_ThrowsInvalidRequest()
    {
        var ct = TestTimeout.Token();

        foreach (var name in new[] { "ab", "Upper", "under_score", "double--hyphen", "-leading", "trailing-", new string('a', 64) })
        {
            var ex = Assert.Throws<InvalidStorageRequestException>(() => target.Account.Blobs.GetContainer(name));
            Assert.Equal("InvalidResourceName", ex.ErrorCode);
        }

        // The longest and shortest valid names pass the same check and reach the service.
        foreach (var name in new[] { "abc", new string('a', 63) })
        {
            var container = target.Account.Blobs.GetContainer(name);
            await container.CreateIfNotExistsAsync(ct);
            Assert.True(await container.DeleteIfExistsAsync(ct));
        }
    }

    [Fact]
    public async Task UploadAsync_InvalidBlobName_ThrowsInvalidRequestBeforeSending()
    {
        var ct = TestTimeout.Token();

        // The container does not exist: had a request gone out, the answer would be ContainerNotFound.
        var container = target.Account.Blobs.GetContainer(UniqueNames.Next("missing", 20));

        foreach (var name in new[] { string.Empty, "back\\slash", "ends.", "ends/", "control\u0001char", new string('a', 1025), "../up", "a/./b", "/rooted", "a//b" })
        {
            await Assert.ThrowsAsync<InvalidStorageRequestException>(() => container.UploadAsync(name, Stream("x"), cancellationToken: ct));
            await Assert.ThrowsAsync<InvalidStorageRequestException>(() => container.GetPropertiesAsync(name, ct));
            await Assert.ThrowsAsync<InvalidStorageRequestException>(() => container.DeleteAsync(name, cancellationToken: ct));
        }
    }

    [Fact]
    public async Task UploadAsync_InvalidMetadata_ThrowsInvalidRequestBeforeSending()
    {
        var ct = TestTimeout.Token();
        var container = target.Account.Blobs.GetContainer(UniqueNames.Next("missing", 20));

        await Assert.ThrowsAsync<InvalidStorageRequestException>(
            () => container.UploadAsync("b", Stream("x"), new BlobUploadOptions { Metadata = new Dictionary<string, string> { ["1st"] = "v" } }, ct));
        await Assert.ThrowsAsync<InvalidStorageRequestException>(
            () => container.UploadAsync("b", Stream("x"), new BlobUploadOptions { Metadata = new Dictionary<string, string> { ["k"] = "ünicode" } }, ct));
    }

    private static MemoryStream Stream(string text) => new(System.Text.Encoding.UTF8.GetBytes(text));

    private static async Task<string> ReadTextAsync(IBlobContainerClient container, string blobName, CancellationToken ct)
    {
        await using var download = await container.DownloadAsync(blobName, cancellationToken: ct);
        return System.Text.Encoding.UTF8.GetString(await TestData.ReadAllAsync(download.Content, ct));
    }

    private async Task<IBlobContainerClient> NewContainerAsync(CancellationToken ct)
    {
        var container = target.Account.Blobs.GetContainer(UniqueNames.Next("c", 20));
        await container.CreateIfNotExistsAsync(ct);
        return container;
    }
}

public sealed class EmbeddedBlobContractTests(EmbeddedTarget target) : BlobContractTests(target), IClassFixture<EmbeddedTarget>;

public sealed class AzuriteBlobContractTests(AzuriteTarget target) : BlobContractTests(target), IClassFixture<AzuriteTarget>;
