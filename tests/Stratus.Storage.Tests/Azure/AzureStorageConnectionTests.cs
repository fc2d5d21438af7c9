using Stratus.Storage.Azure;

namespace Stratus.Storage.Tests.Azure;

public sealed class AzureStorageConnectionTests
{
    [Fact]
    public void Parse_DevelopmentStorage_UsesAzuriteDefaults()
    {
        var connection = AzureStorageConnection.Parse("UseDevelopmentStorage=true");

        Assert.Equal("devstoreaccount1", connection.AccountName);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), connection.BlobEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), connection.QueueEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), connection.TableEndpoint);
        Assert.NotNull(connection.AccountKey);
    }

    [Fact]
    public void Parse_AccountKeyForm_DerivesEndpointsFromSuffix()
    {
        var connection = AzureStorageConnection.Parse("DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=a2V5;EndpointSuffix=core.chinacloudapi.cn");

        Assert.Equal("acme", connection.AccountName);
        Assert.Equal(new Uri("https://acme.blob.core.chinacloudapi.cn"), connection.BlobEndpoint);
        Assert.Equal(new Uri("https://acme.table.core.chinacloudapi.cn"), connection.TableEndpoint);
        Assert.Equal("key"u8.ToArray(), connection.AccountKey);
    }

    [Fact]
    public void Parse_SasWithPathStyleEndpoints_InfersAccountFromPath()
    {
        var connection = AzureStorageConnection.Parse(
            "SharedAccessSignature=sv=1&sig=x;BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;QueueEndpoint=http://127.0.0.1:2/devstoreaccount1;TableEndpoint=http://127.0.0.1:3/devstoreaccount1/");

        Assert.Equal("devstoreaccount1", connection.AccountName);
        Assert.Equal(new Uri("http://127.0.0.1:3/devstoreaccount1"), connection.TableEndpoint);
    }

    [Fact]
    public void Parse_SharedAccessSignature_KeepsTokenWithoutQuestionMark()
    {
        var connection = AzureStorageConnection.Parse("BlobEndpoint=https://a.blob.core.windows.net;QueueEndpoint=https://a.queue.core.windows.net;TableEndpoint=https://a.table.core.windows.net;SharedAccessSignature=?sv=2024&sig=abc");

        Assert.Equal("sv=2024&sig=abc", connection.SasToken);
        Assert.Null(connection.AccountKey);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("AccountName=acme;AccountKey", "malformed part")]
    [InlineData("AccountName=acme", "neither AccountKey nor SharedAccessSignature")]
    [InlineData("AccountName=acme;AccountKey=not*base64", "not valid Base64")]
    [InlineData("AccountKey=a2V5", "no AccountName")]
    [InlineData("AccountName=a;AccountName=b;AccountKey=a2V5", "twice")]
    [InlineData("AccountName=a;AccountKey=a2V5;BlobEndpoint=not a url", "absolute http(s) URL")]
    [InlineData("AccountName=a;AccountKey=a2V5;DefaultEndpointsProtocol=ftp", "http or https")]
    public void Parse_Malformed_ThrowsConfigurationErrorSayingWhatToFix(string connectionString, string expected)
    {
        var ex = Assert.Throws<StorageConfigurationException>(() => AzureStorageConnection.Parse(connectionString));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MalformedWithKey_DoesNotEchoTheKey()
    {
        var ex = Assert.Throws<StorageConfigurationException>(() => AzureStorageConnection.Parse("AccountName=a;AccountKeyXsecretsecretsecret"));

        Assert.DoesNotContain("secretsecretsecret", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromIdentity_AccountNameOnly_DerivesPublicEndpoints()
    {
        var connection = AzureStorageConnection.FromIdentity("acme", null, null, null, new global::Azure.Identity.DefaultAzureCredential());

        Assert.Equal(new Uri("https://acme.queue.core.windows.net"), connection.QueueEndpoint);
        Assert.NotNull(connection.TokenCredential);
        Assert.Null(connection.AccountKey);
    }

    [Fact]
    public void FromIdentity_NoAccountAndNoEndpoints_ThrowsConfigurationError()
    {
        Assert.Throws<StorageConfigurationException>(() => AzureStorageConnection.FromIdentity(null, null, null, null, new global::Azure.Identity.DefaultAzureCredential()));
    }
}
