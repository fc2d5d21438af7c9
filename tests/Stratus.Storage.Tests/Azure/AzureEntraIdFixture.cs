using Azure.Core;
using Azure.Core.Pipeline;
using Stratus.Storage.Azure;
using Stratus.Testing;

namespace Stratus.Storage.Tests.Azure;

/// <summary>
/// One Azurite in <c>--oauth basic</c> mode over HTTPS, and an HTTP transport that trusts only that Azurite's
/// self-signed certificate. Accounts are built per test, each with its own credential.
/// </summary>
public sealed class AzureEntraIdFixture : IAsyncLifetime
{
    private AzuriteOAuthServer? _server;
    private HttpClientHandler? _handler;
    private HttpClientTransport? _transport;

    public async Task InitializeAsync()
    {
        _server = await AzuriteOAuthServer.StartAsync();
        var server = _server;
        _handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, errors) => server.IsServerCertificate(certificate, errors),
        };
        _transport = new HttpClientTransport(_handler);
    }

    /// <summary>The identity-based account (as with <c>AzureWebJobsStorage__accountName</c>) against the OAuth Azurite.</summary>
    internal AzureStorageAccount CreateAccount(TokenCredential credential)
    {
        var server = _server ?? throw new InvalidOperationException("The fixture is not initialised.");
        var connection = AzureStorageConnection.FromIdentity(
            AzuriteOAuthServer.AccountName, server.BlobEndpoint, server.QueueEndpoint, server.TableEndpoint, credential);
        var options = new AzureStorageClientOptions { Transport = _transport! };

        // 403 is never retried; keep any transient retry short so a failure reports quickly.
        options.Retry.MaxRetries = 2;
        return new AzureStorageAccount(connection, options);
    }

    public Task DisposeAsync()
    {
        _transport?.Dispose();
        _handler?.Dispose();
        _server?.Dispose();
        return Task.CompletedTask;
    }
}
