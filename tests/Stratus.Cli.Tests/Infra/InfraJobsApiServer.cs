using System.Net;
using Microsoft.AspNetCore.Hosting;
using Stratus.Testing;
using Stratus.Testing.Hosting;

namespace Stratus.Cli.Tests.Infra;

/// <summary>
/// The API on a real loopback port, so a job's terraform can reach the state backend, with the job orchestrations and
/// step sandboxes running in-process; the CLI talks to it over HTTP as it would to a deployed API.
/// </summary>
public sealed class InfraJobsApiServer : StratusApiFactory, IAsyncLifetime
{
    private readonly int _port = FreePort.Next();

    public string Url => $"http://127.0.0.1:{_port}";

    public Task InitializeAsync()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, _port));
        StartServer();
        return Task.CompletedTask;
    }

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Stratus:Url", Url);
        builder.UseSetting("Stratus:Infra:Jobs:ApiUrl", Url);
        builder.UseSetting("Stratus:Infra:Jobs:WorkRoot", Path.Combine(DataPath, "work"));

        // The step sandboxes' podman store: the test run's shared one, or one beside (not inside) the data folder.
        builder.UseSetting("Stratus:Apps:ContainerTools:Directory", Environment.GetEnvironmentVariable("STRATUS_TEST_CONTAINERS_DIR") is { Length: > 0 } shared ? shared : DataPath + "-containers");
    }
}
