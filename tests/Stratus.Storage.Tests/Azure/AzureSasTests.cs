using Azure.Storage;
using Azure.Storage.Sas;
using Stratus.Storage.Azure;
using Stratus.Storage.Tables;
using Stratus.Testing;

namespace Stratus.Storage.Tests.Azure;

/// <summary>The SAS form of the connection string (<c>SharedAccessSignature=…</c>, no key) against the real Azurite, all three services.</summary>
public sealed class AzureSasTests
{
    [Fact]
    public async Task AccountSasConnectionString_TableBlobQueue_RoundTrip()
    {
        var ct = TestTimeout.Token();
        var azurite = await AzuriteServer.Shared;
        var sas = new AccountSasBuilder(
            AccountSasPermissions.All,
            DateTimeOffset.UtcNow.AddHours(1),
            AccountSasServices.All,
            AccountSasResourceTypes.All)
            .ToSasQueryParameters(new StorageSharedKeyCredential(AzureStorageConnection.DevelopmentAccountName, AzureStorageConnection.DevelopmentAccountKey))
            .ToString();
        var account = AzureStorageAccount.FromConnectionString(
            $"BlobEndpoint={azurite.BlobEndpoint};QueueEndpoint={azurite.QueueEndpoint};TableEndpoint={azurite.TableEndpoint};SharedAccessSignature={sas}");
        var name = "sas" + Guid.NewGuid().ToString("N")[..16];

        var table = account.Tables.GetTable(name);
        await table.CreateIfNotExistsAsync(ct);
        var etag = await table.InsertAsync(new TableEntity("p", "r") { ["Name"] = "sas" }, ct);
        var entity = await table.GetAsync("p", "r", ct);

        var container = account.Blobs.GetContainer(name);
        await container.CreateIfNotExistsAsync(ct);
        await container.UploadAsync("a/b.txt", new MemoryStream("hello"u8.ToArray()), cancellationToken: ct);
        await using var download = await container.DownloadAsync("a/b.txt", cancellationToken: ct);

        var queue = account.Queues.GetQueue(name);
        await queue.CreateIfNotExistsAsync(ct);
        await queue.SendAsync("over sas", cancellationToken: ct);
        var message = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromMinutes(1), ct));

        Assert.Equal(etag, entity?.ETag);
        Assert.Equal("hello"u8.ToArray(), await TestData.ReadAllAsync(download.Content, ct));
        Assert.Equal("over sas", message.Text);
    }
}
