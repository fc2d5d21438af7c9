using Stratus.Storage.Tables;
using Stratus.Testing;

namespace Stratus.Storage.Tests.Embedded;

/// <summary>Regressions found in review of the embedded store.</summary>
public sealed class EmbeddedReviewTests : IDisposable
{
    private readonly EmbeddedTestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ListAsync_TokenWithNegativeKeyLength_ThrowsInvalidInput()
    {
        var ct = TestTimeout.Token();
        var container = _folder.Open().Blobs.GetContainer("tokens");
        await container.CreateIfNotExistsAsync(ct);

        // One key whose 7-bit length decodes to -1.
        var token = Token([1, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F]);

        var ex = await Assert.ThrowsAsync<InvalidStorageRequestException>(() => container.ListAsync(continuationToken: token, cancellationToken: ct));
        Assert.Equal("InvalidInput", ex.ErrorCode);
    }

    [Fact]
    public async Task QueryAsync_TokenWithNegativeKeyLength_ThrowsInvalidInput()
    {
        var ct = TestTimeout.Token();
        var table = _folder.Open().Tables.GetTable("tokens");
        await table.CreateIfNotExistsAsync(ct);
        var token = Token([2, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F]);

        var ex = await Assert.ThrowsAsync<InvalidStorageRequestException>(() => table.QueryAsync(new TableQuery(), token, ct));
        Assert.Equal("InvalidInput", ex.ErrorCode);
    }

    [Fact]
    public async Task SendAsync_TimeToLiveBeyondTheCalendar_NeverExpires()
    {
        var ct = TestTimeout.Token();
        var queue = _folder.Open().Queues.GetQueue("forever");
        await queue.CreateIfNotExistsAsync(ct);

        // The validator accepts any TTL of at least 1 s; TimeSpan.MaxValue must not overflow the expiry time.
        await queue.SendAsync("m", timeToLive: TimeSpan.MaxValue, cancellationToken: ct);

        var peeked = Assert.Single(await queue.PeekAsync(1, ct));
        Assert.Null(peeked.ExpiresOn);
    }

    private static string Token(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
