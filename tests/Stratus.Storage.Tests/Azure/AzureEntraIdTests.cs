using Stratus.Storage.Tables;
using Stratus.Testing;

namespace Stratus.Storage.Tests.Azure;

/// <summary>
/// The identity-based (Entra ID bearer token) path end to end: the Azure adapter's BearerTokenAuthenticationPolicy
/// against a real Azurite in <c>--oauth basic</c> mode over HTTPS. A token with the wrong audience is refused, which
/// shows the token is both sent and checked.
/// </summary>
public sealed class AzureEntraIdTests(AzureEntraIdFixture fixture) : IClassFixture<AzureEntraIdFixture>
{
    private const string StorageScope = "https://storage.azure.com/.default";

    [Fact]
    public async Task TableCreateInsertGet_StorageToken_Succeeds()
    {
        var ct = TestTimeout.Token();
        var credential = new AzureEntraIdTestCredential();
        var table = fixture.CreateAccount(credential).Tables.GetTable("entra" + Guid.NewGuid().ToString("N")[..16]);

        await table.CreateIfNotExistsAsync(ct);
        var etag = await table.InsertAsync(new TableEntity("p", "r") { ["Name"] = "bearer", ["Count"] = 3 }, ct);
        var entity = await table.GetAsync("p", "r", ct);

        Assert.NotNull(entity);
        Assert.Equal(etag, entity.ETag);
        Assert.Equal("bearer", entity.GetString("Name"));
        Assert.Equal(3, entity.GetInt32("Count"));
        AssertAskedOnceForStorage(credential);
    }

    [Fact]
    public async Task BlobUploadDownload_StorageToken_RoundTrips()
    {
        var ct = TestTimeout.Token();
        var credential = new AzureEntraIdTestCredential();
        var container = fixture.CreateAccount(credential).Blobs.GetContainer("entra" + Guid.NewGuid().ToString("N")[..16]);
        var data = TestData.RandomBytes(10_000);

        await container.CreateIfNotExistsAsync(ct);
        var uploaded = await container.UploadAsync("folder/blob.bin", new MemoryStream(data), cancellationToken: ct);
        await using var download = await container.DownloadAsync("folder/blob.bin", cancellationToken: ct);

        Assert.Equal(data, await TestData.ReadAllAsync(download.Content, ct));
        Assert.Equal(uploaded.ETag, download.Properties.ETag);
        AssertAskedOnceForStorage(credential);
    }

    [Fact]
    public async Task QueueSendReceiveDelete_StorageToken_Succeeds()
    {
        var ct = TestTimeout.Token();
        var credential = new AzureEntraIdTestCredential();
        var queue = fixture.CreateAccount(credential).Queues.GetQueue("entra" + Guid.NewGuid().ToString("N")[..16]);

        await queue.CreateIfNotExistsAsync(ct);
        var receipt = await queue.SendAsync("hello over bearer", cancellationToken: ct);
        var message = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromMinutes(1), ct));
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);

        Assert.Equal(receipt.MessageId, message.MessageId);
        Assert.Equal("hello over bearer", message.Text);
        Assert.Equal(0, await queue.GetApproximateCountAsync(ct));
        AssertAskedOnceForStorage(credential);
    }

    [Theory]
    [InlineData("table")]
    [InlineData("blob")]
    [InlineData("queue")]
    public async Task CreateIfNotExists_WrongAudienceToken_IsRefusedWith403(string service)
    {
        var ct = TestTimeout.Token();
        var credential = new AzureEntraIdTestCredential(audience: "https://vault.azure.net");
        var account = fixture.CreateAccount(credential);
        var name = "entra" + Guid.NewGuid().ToString("N")[..16];
        Func<Task> create = service switch
        {
            "table" => () => account.Tables.GetTable(name).CreateIfNotExistsAsync(ct),
            "blob" => () => account.Blobs.GetContainer(name).CreateIfNotExistsAsync(ct),
            "queue" => () => account.Queues.GetQueue(name).CreateIfNotExistsAsync(ct),
            _ => throw new ArgumentOutOfRangeException(nameof(service), service, "Unknown service."),
        };

        var ex = await Assert.ThrowsAsync<StorageException>(create);

        Assert.Equal(403, ex.Status);
        Assert.Equal("AuthenticationFailed", ex.ErrorCode);
        Assert.True(credential.RequestCount >= 1, "The credential was never asked for a token.");
    }

    // Each service has its own pipeline; its BearerTokenAuthenticationPolicy asks once and caches the hour-long token.
    private static void AssertAskedOnceForStorage(AzureEntraIdTestCredential credential)
    {
        Assert.Equal(1, credential.RequestCount);
        Assert.Equal(StorageScope, Assert.Single(credential.RequestedScopes));
    }
}
