using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Stratus.Testing;

namespace Stratus.Api.Tests.Telemetry;

public sealed class OtlpExportTests(StratusApiFixture api) : IClassFixture<StratusApiFixture>
{
    [Fact]
    public async Task Request_WithOtlpEndpoint_ExportsTracesToTheCollector()
    {
        var ct = TestTimeout.Token();
        var port = FreePort.Next();
        using var collector = new HttpListener();
        collector.Prefixes.Add($"http://127.0.0.1:{port}/");
        collector.Start();
        var received = new ConcurrentQueue<(string Path, string? ContentType)>();
        var serving = Task.Run(async () =>
        {
            while (collector.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await collector.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                received.Enqueue((context.Request.Url!.AbsolutePath, context.Request.ContentType));
                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        }, ct);

        using (var traced = api.WithWebHostBuilder(b => b
            .UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", $"http://127.0.0.1:{port}")
            .UseSetting("OTEL_BSP_SCHEDULE_DELAY", "100")))
        {
            using var client = traced.CreateClient();
            using var response = await client.GetAsync(new Uri("/api/v1/info", UriKind.Relative), ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);

            // The batch exporter sends on its schedule; wait for it (bounded by the test's timeout token).
            while (!received.Any(r => r.Path == "/v1/traces"))
            {
                await Task.Delay(50, ct);
            }
        }

        collector.Stop();
        await serving;
        Assert.Contains(received, r => r.Path == "/v1/traces" && r.ContentType == "application/x-protobuf");
    }
}
