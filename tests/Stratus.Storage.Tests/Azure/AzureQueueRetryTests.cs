using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using Stratus.Storage.Azure;
using Stratus.Storage.Queues;
using Stratus.Testing;

namespace Stratus.Storage.Tests.Azure;

/// <summary>
/// The pipeline's retry policy, seen from the wire: a fault-injecting proxy in front of the real Azurite answers the
/// first requests itself and forwards the rest, and counts what arrives.
/// </summary>
public sealed class AzureQueueRetryTests
{
    [Fact]
    public async Task SendAsync_First3RequestsAnswer503_RetriesWithBackoffAndSucceeds()
    {
        var ct = TestTimeout.Token();
        var (direct, queueName) = await NewQueueAsync(ct);
        await using var proxy = await FaultProxy.StartAsync(faults: 3, faultStatus: 503, "ServerBusy");
        var viaProxy = (await AccountViaAsync(proxy)).Queues.GetQueue(queueName);

        var clock = Stopwatch.StartNew();
        var receipt = await viaProxy.SendAsync("survived", cancellationToken: ct);
        clock.Stop();

        Assert.Equal(4, proxy.RequestCount);
        var gaps = proxy.Gaps();
        Assert.All(gaps, gap => Assert.True(gap >= TimeSpan.FromMilliseconds(100), $"A retry came after only {gap.TotalMilliseconds} ms."));
        Assert.True(gaps[2] > gaps[0], $"The backoff did not grow: {string.Join(", ", gaps.Select(g => g.TotalMilliseconds))} ms.");
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1), $"Three retries took only {clock.Elapsed}.");
        var message = Assert.Single(await direct.ReceiveAsync(32, TimeSpan.FromMinutes(1), ct));
        Assert.Equal(receipt.MessageId, message.MessageId);
        Assert.Equal("survived", message.Text);
    }

    [Fact]
    public async Task ReceiveAsync_OneTransient500_RetriesOnce()
    {
        var ct = TestTimeout.Token();
        var (direct, queueName) = await NewQueueAsync(ct);
        await direct.SendAsync("m", cancellationToken: ct);
        await using var proxy = await FaultProxy.StartAsync(faults: 1, faultStatus: 500, "InternalError");
        var viaProxy = (await AccountViaAsync(proxy)).Queues.GetQueue(queueName);

        var messages = await viaProxy.ReceiveAsync(1, TimeSpan.FromMinutes(1), ct);

        Assert.Equal("m", Assert.Single(messages).Text);
        Assert.Equal(2, proxy.RequestCount);
    }

    [Fact]
    public async Task SendAsync_Conflict409_IsNotRetried()
    {
        var ct = TestTimeout.Token();
        var (direct, queueName) = await NewQueueAsync(ct);
        await using var proxy = await FaultProxy.StartAsync(faults: 1, faultStatus: 409, "QueueBeingDeleted");
        var viaProxy = (await AccountViaAsync(proxy)).Queues.GetQueue(queueName);

        var ex = await Assert.ThrowsAsync<ResourceConflictException>(() => viaProxy.SendAsync("never", cancellationToken: ct));

        Assert.Equal("QueueBeingDeleted", ex.ErrorCode);
        Assert.Equal(1, proxy.RequestCount);
        Assert.Equal(0, await direct.GetApproximateCountAsync(ct));
    }

    [Fact]
    public async Task DeleteMessageAsync_PreconditionFailed412_IsNotRetried()
    {
        var ct = TestTimeout.Token();
        var (direct, queueName) = await NewQueueAsync(ct);
        await direct.SendAsync("m", cancellationToken: ct);
        var received = Assert.Single(await direct.ReceiveAsync(1, TimeSpan.FromMinutes(1), ct));
        await using var proxy = await FaultProxy.StartAsync(faults: 1, faultStatus: 412, "ConditionNotMet");
        var viaProxy = (await AccountViaAsync(proxy)).Queues.GetQueue(queueName);

        var ex = await Assert.ThrowsAsync<PreconditionFailedException>(() => viaProxy.DeleteMessageAsync(received.MessageId, received.PopReceipt, ct));

        Assert.Equal("ConditionNotMet", ex.ErrorCode);
        Assert.Equal(1, proxy.RequestCount);
        Assert.Equal(1, await direct.GetApproximateCountAsync(ct));
    }

    [Fact]
    public async Task UpdateMessageAsync_PopReceiptWithReservedCharacters_SurvivesTheProxyAndRetry()
    {
        var ct = TestTimeout.Token();
        var (direct, queueName) = await NewQueueAsync(ct);
        await direct.SendAsync("m", cancellationToken: ct);
        var received = Assert.Single(await direct.ReceiveAsync(1, TimeSpan.FromMinutes(1), ct));
        await using var proxy = await FaultProxy.StartAsync(faults: 1, faultStatus: 503, "ServerBusy");
        var viaProxy = (await AccountViaAsync(proxy)).Queues.GetQueue(queueName);

        var updated = await viaProxy.UpdateMessageAsync(received.MessageId, received.PopReceipt, TimeSpan.Zero, "new text", ct);

        Assert.Equal(2, proxy.RequestCount);
        Assert.NotEqual(received.PopReceipt, updated.PopReceipt);
        Assert.Equal("new text", Assert.Single(await direct.PeekAsync(1, ct)).Text);
    }

    private static async Task<(IQueueClient Queue, string Name)> NewQueueAsync(CancellationToken ct)
    {
        var azurite = await AzuriteServer.Shared;
        var name = "retry" + Guid.NewGuid().ToString("N")[..20];
        var queue = AzureStorageAccount.FromConnectionString(azurite.ConnectionString).Queues.GetQueue(name);
        await queue.CreateIfNotExistsAsync(ct);
        return (queue, name);
    }

    private static async Task<IStorageAccount> AccountViaAsync(FaultProxy proxy)
    {
        var azurite = await AzuriteServer.Shared;
        var connection = AzureStorageConnection.Parse(azurite.ConnectionString);
        return new AzureStorageAccount(connection with { QueueEndpoint = new Uri($"http://127.0.0.1:{proxy.Port}{azurite.QueueEndpoint.AbsolutePath}") });
    }

    /// <summary>
    /// An HTTP proxy on 127.0.0.1 that answers the first <c>faults</c> requests with <c>faultStatus</c> and a storage
    /// error body, and forwards the rest, byte for byte, to Azurite's queue endpoint (the SharedKey signature covers
    /// the path, query and x-ms headers, all passed through unchanged).
    /// </summary>
    private sealed class FaultProxy : IAsyncDisposable
    {
        private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
        {
            "Host", "Connection", "Keep-Alive", "Transfer-Encoding", "Content-Length", "Expect", "Proxy-Connection",
        };

        private readonly HttpListener _listener = new();
        private readonly HttpClient _upstream = new();
        private readonly ConcurrentQueue<long> _arrivals = new();
        private readonly Uri _target;
        private readonly int _faultStatus;
        private readonly string _faultCode;
        private int _faultsLeft;
        private Task? _loop;

        private FaultProxy(Uri target, int faults, int faultStatus, string faultCode)
        {
            _target = target;
            _faultsLeft = faults;
            _faultStatus = faultStatus;
            _faultCode = faultCode;
        }

        public int Port { get; private set; }

        public int RequestCount => _arrivals.Count;

        public static async Task<FaultProxy> StartAsync(int faults, int faultStatus, string faultCode)
        {
            var azurite = await AzuriteServer.Shared;
            var proxy = new FaultProxy(new Uri(azurite.QueueEndpoint.GetLeftPart(UriPartial.Authority)), faults, faultStatus, faultCode);
            proxy.Port = FreePort.Next();
            proxy._listener.Prefixes.Add($"http://127.0.0.1:{proxy.Port}/");
            proxy._listener.Start();
            proxy._loop = Task.Run(proxy.AcceptLoopAsync);
            return proxy;
        }

        public IReadOnlyList<TimeSpan> Gaps()
        {
            var times = _arrivals.ToArray();
            return times.Zip(times.Skip(1), (a, b) => Stopwatch.GetElapsedTime(a, b)).ToList();
        }

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            _listener.Close();
            if (_loop is not null)
            {
                await _loop;
            }

            _upstream.Dispose();
        }

        private async Task AcceptLoopAsync()
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

                _ = Task.Run(() => HandleAsync(context));
            }
        }

        private async Task HandleAsync(HttpListenerContext context)
        {
            _arrivals.Enqueue(Stopwatch.GetTimestamp());
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var response = context.Response;
            try
            {
                if (Interlocked.Decrement(ref _faultsLeft) >= 0)
                {
                    var error = Encoding.UTF8.GetBytes($"<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>{_faultCode}</Code><Message>Injected by the test proxy.</Message></Error>");
                    response.StatusCode = _faultStatus;
                    response.ContentType = "application/xml";
                    response.AddHeader("x-ms-error-code", _faultCode);
                    response.ContentLength64 = error.Length;
                    await response.OutputStream.WriteAsync(error);
                    return;
                }

                using var forward = new HttpRequestMessage(new HttpMethod(context.Request.HttpMethod), new Uri(_target, context.Request.RawUrl));
                if (body.Length > 0 || context.Request.HttpMethod is "PUT" or "POST")
                {
                    forward.Content = new ByteArrayContent(body.ToArray());
                }

                foreach (var name in context.Request.Headers.AllKeys.OfType<string>().Where(n => !HopByHop.Contains(n)))
                {
                    var value = context.Request.Headers[name];
                    if (!forward.Headers.TryAddWithoutValidation(name, value))
                    {
                        forward.Content?.Headers.TryAddWithoutValidation(name, value);
                    }
                }

                using var answer = await _upstream.SendAsync(forward);
                var content = await answer.Content.ReadAsByteArrayAsync();
                response.StatusCode = (int)answer.StatusCode;
                foreach (var (name, values) in answer.Headers.Concat(answer.Content.Headers).Where(h => !HopByHop.Contains(h.Key)))
                {
                    response.AddHeader(name, string.Join(",", values));
                }

                response.ContentLength64 = content.Length;
                await response.OutputStream.WriteAsync(content);
            }
            finally
            {
                response.Close();
            }
        }
    }
}
