using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Stratus.Storage.Azure;
using Stratus.Testing;

namespace Stratus.Storage.Tests.Azure;

/// <summary>
/// The Azure adapter against a scripted HTTP server, for answers Azurite never gives (a table being deleted, say).
/// Requests are signed with the development key; the stub does not check signatures.
/// </summary>
public sealed class AzureStubServerTests
{
    [Fact]
    public async Task TableCreateIfNotExistsAsync_409TableBeingDeleted_ThrowsConflict()
    {
        var ct = TestTimeout.Token();
        await using var stub = StubServer.Start((409, "TableBeingDeleted", "{\"odata.error\":{\"code\":\"TableBeingDeleted\",\"message\":{\"lang\":\"en-US\",\"value\":\"The specified table is being deleted.\"}}}"));
        var table = Account(stub).Tables.GetTable("gone");

        var ex = await Assert.ThrowsAsync<ResourceConflictException>(() => table.CreateIfNotExistsAsync(ct));

        Assert.Equal("TableBeingDeleted", ex.ErrorCode);
    }

    [Fact]
    public async Task TableCreateIfNotExistsAsync_409TableAlreadyExists_Succeeds()
    {
        var ct = TestTimeout.Token();
        await using var stub = StubServer.Start((409, "TableAlreadyExists", "{\"odata.error\":{\"code\":\"TableAlreadyExists\",\"message\":{\"lang\":\"en-US\",\"value\":\"The table specified already exists.\"}}}"));
        var table = Account(stub).Tables.GetTable("there");

        await table.CreateIfNotExistsAsync(ct);

        Assert.Equal(1, stub.RequestCount);
    }

    /// <summary>
    /// Identity-based endpoints (<c>AzureWebJobsStorage__blobServiceUri</c>) are taken as given, and the portal shows
    /// them with a trailing slash; a path-style one must not turn into <c>/account//container</c>.
    /// </summary>
    [Fact]
    public async Task Requests_PathStyleEndpointWithTrailingSlash_HaveNoEmptySegment()
    {
        var ct = TestTimeout.Token();
        await using var stub = StubServer.Start((200, null, string.Empty));
        var endpoint = new Uri($"http://127.0.0.1:{stub.Port}/{AzureStorageConnection.DevelopmentAccountName}/");
        var connection = new AzureStorageConnection(
            AzureStorageConnection.DevelopmentAccountName, endpoint, endpoint, endpoint, Convert.FromBase64String(AzureStorageConnection.DevelopmentAccountKey), null, null);
        var account = new AzureStorageAccount(connection);

        await account.Blobs.GetContainer("cont").GetPropertiesAsync("a/b", ct);
        await account.Queues.GetQueue("queue").GetApproximateCountAsync(ct).ContinueWith(_ => { }, ct);

        Assert.Equal(
            [$"HEAD /{AzureStorageConnection.DevelopmentAccountName}/cont/a/b", $"GET /{AzureStorageConnection.DevelopmentAccountName}/queue?comp=metadata"],
            stub.Requests);
    }

    private static IStorageAccount Account(StubServer stub)
    {
        var endpoint = new Uri($"http://127.0.0.1:{stub.Port}/{AzureStorageConnection.DevelopmentAccountName}");
        var connection = new AzureStorageConnection(
            AzureStorageConnection.DevelopmentAccountName, endpoint, endpoint, endpoint, Convert.FromBase64String(AzureStorageConnection.DevelopmentAccountKey), null, null);
        var options = new AzureStorageClientOptions();
        options.Retry.MaxRetries = 0;
        return new AzureStorageAccount(connection, options);
    }

    /// <summary>Answers each request with the next scripted (status, error code, body); the last one repeats.</summary>
    private sealed class StubServer : IAsyncDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly (int Status, string? Code, string Body)[] _answers;
        private readonly ConcurrentQueue<string> _requests = new();
        private Task? _loop;

        private StubServer((int Status, string? Code, string Body)[] answers) => _answers = answers;

        public int Port { get; private set; }

        public int RequestCount => _requests.Count;

        public IEnumerable<string> Requests => _requests;

        public static StubServer Start(params (int Status, string? Code, string Body)[] answers)
        {
            var stub = new StubServer(answers) { Port = FreePort.Next() };
            stub._listener.Prefixes.Add($"http://127.0.0.1:{stub.Port}/");
            stub._listener.Start();
            stub._loop = Task.Run(stub.LoopAsync);
            return stub;
        }

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            _listener.Close();
            if (_loop is not null)
            {
                await _loop;
            }
        }

        private async Task LoopAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                _requests.Enqueue($"{context.Request.HttpMethod} {context.Request.RawUrl}");
                var (status, code, text) = _answers[Math.Min(_requests.Count, _answers.Length) - 1];
                var response = context.Response;
                var bytes = Encoding.UTF8.GetBytes(text);
                response.StatusCode = status;
                response.ContentType = text.StartsWith('{') ? "application/json" : "application/xml";
                if (code is not null)
                {
                    response.AddHeader("x-ms-error-code", code);
                }

                response.ContentLength64 = bytes.Length;
                await response.OutputStream.WriteAsync(bytes);
                response.Close();
            }
        }
    }
}
