using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Stratus.Kubernetes.Runtime;
using Stratus.Testing;

namespace Stratus.Kubernetes.Tests.Runtime;

public sealed class PodmanRuntimeServiceCollectionExtensionsTests
{
    [Fact]
    public void StartValidation_DefaultSettings_Pass()
    {
        using var services = Build([]);

        services.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public void StartValidation_PortRangeReversed_FailsNamingTheSettings()
    {
        using var services = Build(new()
        {
            ["Stratus:Apps:Podman:PortRangeStart"] = "30000",
            ["Stratus:Apps:Podman:PortRangeEnd"] = "20000",
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("Stratus:Apps:Podman:PortRangeStart and PortRangeEnd must be unprivileged ports (1024-65535) with start <= end, not 30000-20000.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StartValidation_ZeroPollInterval_Fails()
    {
        using var services = Build(new() { ["Stratus:Apps:Podman:PollInterval"] = "00:00:00" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<PodmanRuntimeOptions>>().Value);
        Assert.Contains("Stratus:Apps:Podman:PollInterval must be positive", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProbeClient_ServiceUnavailable_IsNotRetried()
    {
        // A raw TCP server that answers every request 503 and counts them: a probe measures, so one request, one answer.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var requests = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        var serving = ServeAsync(listener, requests, stop.Token);
        using var services = Build([]);
        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(PodmanProbeHttpClient.Name);

        using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/health"), TestTimeout.Token());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Single(requests);
        await stop.CancelAsync();
        listener.Stop();
        await serving;
    }

    private static async Task ServeAsync(TcpListener listener, ConcurrentQueue<string> requests, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                using var client = await listener.AcceptTcpClientAsync(cancellationToken);
                var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
                var line = await reader.ReadLineAsync(cancellationToken);
                while (!string.IsNullOrEmpty(await reader.ReadLineAsync(cancellationToken)))
                {
                    // Headers; the probe sends no body.
                }

                requests.Enqueue(line ?? "");
                await stream.WriteAsync("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), cancellationToken);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddPodmanRuntime(configuration).BuildServiceProvider();
    }
}
