using Stratus.Storage.Blobs;
using Stratus.Testing;

namespace Stratus.Storage.Tests.Embedded;

/// <summary>Lease timing rules, checked to the second on the fake clock (Azurite can only be checked loosely, in real time).</summary>
public sealed class EmbeddedLeaseTests : IDisposable
{
    private readonly EmbeddedTestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task BreakLeaseAsync_FixedLeaseWithoutPeriod_BreaksWhenTheTermEnds()
    {
        var ct = TestTimeout.Token();
        var container = await NewBlobAsync(ct);
        await container.AcquireLeaseAsync("b", TimeSpan.FromSeconds(60), cancellationToken: ct);
        _folder.Clock.Advance(TimeSpan.FromSeconds(10));

        var remaining = await container.BreakLeaseAsync("b", cancellationToken: ct);

        Assert.Equal(TimeSpan.FromSeconds(50), remaining);
        _folder.Clock.Advance(TimeSpan.FromSeconds(49));
        Assert.Equal(BlobLeaseState.Breaking, await LeaseStateAsync(container, ct));
        Assert.Equal(TimeSpan.FromSeconds(1), await container.BreakLeaseAsync("b", cancellationToken: ct));
        _folder.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(BlobLeaseState.Broken, await LeaseStateAsync(container, ct));
    }

    [Fact]
    public async Task BreakLeaseAsync_PeriodLongerThanTheTerm_IsCutToTheTerm()
    {
        var ct = TestTimeout.Token();
        var container = await NewBlobAsync(ct);
        await container.AcquireLeaseAsync("b", TimeSpan.FromSeconds(15), cancellationToken: ct);

        Assert.Equal(TimeSpan.FromSeconds(15), await container.BreakLeaseAsync("b", TimeSpan.FromSeconds(60), ct));
        Assert.Equal(TimeSpan.FromSeconds(5), await container.BreakLeaseAsync("b", TimeSpan.FromSeconds(5), ct));
    }

    [Fact]
    public async Task BreakLeaseAsync_InfiniteLeaseWithoutPeriod_BreaksNow()
    {
        var ct = TestTimeout.Token();
        var container = await NewBlobAsync(ct);
        await container.AcquireLeaseAsync("b", null, cancellationToken: ct);

        Assert.Equal(TimeSpan.Zero, await container.BreakLeaseAsync("b", cancellationToken: ct));
        Assert.Equal(BlobLeaseState.Broken, await LeaseStateAsync(container, ct));
    }

    [Fact]
    public async Task BreakLeaseAsync_NoLease_ThrowsLeaseNotPresent()
    {
        var ct = TestTimeout.Token();
        var container = await NewBlobAsync(ct);

        var ex = await Assert.ThrowsAsync<ResourceConflictException>(() => container.BreakLeaseAsync("b", cancellationToken: ct));

        Assert.Equal("LeaseNotPresentWithLeaseOperation", ex.ErrorCode);
    }

    [Fact]
    public async Task RenewLeaseAsync_ExpiredLeaseNobodyTook_RenewsForItsHolder()
    {
        var ct = TestTimeout.Token();
        var container = await NewBlobAsync(ct);
        var leaseId = await container.AcquireLeaseAsync("b", TimeSpan.FromSeconds(15), cancellationToken: ct);
        _folder.Clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(BlobLeaseState.Expired, await LeaseStateAsync(container, ct));

        await container.RenewLeaseAsync("b", leaseId, ct);

        Assert.Equal(BlobLeaseState.Leased, await LeaseStateAsync(container, ct));
        _folder.Clock.Advance(TimeSpan.FromSeconds(14));
        Assert.Equal(BlobLeaseState.Leased, await LeaseStateAsync(container, ct));
        await Assert.ThrowsAsync<PreconditionFailedException>(() => container.UploadAsync("b", new MemoryStream([2]), cancellationToken: ct));
    }

    [Fact]
    public async Task RenewLeaseAsync_BrokenLease_ThrowsLeaseIsBroken()
    {
        var ct = TestTimeout.Token();
        var container = await NewBlobAsync(ct);
        var leaseId = await container.AcquireLeaseAsync("b", TimeSpan.FromSeconds(30), cancellationToken: ct);
        await container.BreakLeaseAsync("b", TimeSpan.FromSeconds(10), ct);

        var breaking = await Assert.ThrowsAsync<ResourceConflictException>(() => container.RenewLeaseAsync("b", leaseId, ct));
        var reacquire = await Assert.ThrowsAsync<ResourceConflictException>(() => container.AcquireLeaseAsync("b", TimeSpan.FromSeconds(15), leaseId, ct));
        _folder.Clock.Advance(TimeSpan.FromSeconds(10));
        var broken = await Assert.ThrowsAsync<ResourceConflictException>(() => container.RenewLeaseAsync("b", leaseId, ct));

        Assert.Equal("LeaseIsBrokenAndCannotBeRenewed", breaking.ErrorCode);
        Assert.Equal("LeaseIsBreakingAndCannotBeAcquired", reacquire.ErrorCode);
        Assert.Equal("LeaseIsBrokenAndCannotBeRenewed", broken.ErrorCode);
    }

    [Fact]
    public async Task UploadAsync_LeaseIdButNoActiveLease_ThrowsLeaseNotPresent()
    {
        var ct = TestTimeout.Token();
        var container = await NewBlobAsync(ct);
        var leaseId = await container.AcquireLeaseAsync("b", TimeSpan.FromSeconds(15), cancellationToken: ct);
        _folder.Clock.Advance(TimeSpan.FromSeconds(15));

        var ex = await Assert.ThrowsAsync<PreconditionFailedException>(
            () => container.UploadAsync("b", new MemoryStream([2]), new BlobUploadOptions { Conditions = new BlobConditions { LeaseId = leaseId } }, ct));

        Assert.Equal("LeaseNotPresentWithBlobOperation", ex.ErrorCode);
    }

    [Fact]
    public async Task UploadAsync_WithTheLeaseId_KeepsTheLeaseAndItsTerm()
    {
        var ct = TestTimeout.Token();
        var container = await NewBlobAsync(ct);
        var leaseId = await container.AcquireLeaseAsync("b", TimeSpan.FromSeconds(30), cancellationToken: ct);
        _folder.Clock.Advance(TimeSpan.FromSeconds(20));

        var written = await container.UploadAsync("b", new MemoryStream([2]), new BlobUploadOptions { Conditions = new BlobConditions { LeaseId = leaseId } }, ct);

        Assert.Equal(BlobLeaseState.Leased, written.LeaseState);
        _folder.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(BlobLeaseState.Expired, await LeaseStateAsync(container, ct));
    }

    private static async Task<BlobLeaseState?> LeaseStateAsync(IBlobContainerClient container, CancellationToken ct) =>
        (await container.GetPropertiesAsync("b", ct))?.LeaseState;

    private async Task<IBlobContainerClient> NewBlobAsync(CancellationToken ct)
    {
        var container = _folder.Open().Blobs.GetContainer("leases");
        await container.CreateIfNotExistsAsync(ct);
        await container.UploadAsync("b", new MemoryStream([1]), cancellationToken: ct);
        return container;
    }
}
