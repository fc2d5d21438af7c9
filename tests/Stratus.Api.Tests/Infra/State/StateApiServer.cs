using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Identity.Tokens;

namespace Stratus.Api.Tests.Infra.State;

/// <summary>
/// The API on a real loopback port (Kestrel, not the in-memory test server), so a terraform process can reach it; on
/// the embedded store in a data folder of its own, with a known bootstrap admin token. State files are capped at
/// <see cref="MaxStateBytes"/> so the limit can be tested cheaply.
/// </summary>
public sealed class StateApiServer : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const long MaxStateBytes = 1024 * 1024;
    private readonly string _dataPath = Directory.CreateTempSubdirectory("stratus-state-api-").FullName;
    private Uri? _baseAddress;

    public string AdminToken { get; } = TokenSecrets.Create(TokenKind.Personal);

    /// <summary>Where the API listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress => _baseAddress ?? throw new InvalidOperationException("The server has not started.");

    public Task InitializeAsync()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _baseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return Task.CompletedTask;
    }

    /// <summary>A client of the real server sending <paramref name="token"/> as its bearer token, or no credentials.</summary>
    public HttpClient Client(string? token)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = token is null ? null : new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (Directory.Exists(_dataPath))
        {
            Directory.Delete(_dataPath, recursive: true);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Stratus:Url", "http://127.0.0.1:0");
        builder.UseSetting("Stratus:Storage:Provider", "Embedded");
        builder.UseSetting("Stratus:Storage:DataPath", _dataPath);
        builder.UseSetting("Stratus:Identity:BootstrapAdminToken", AdminToken);
        builder.UseSetting("Stratus:State:MaxStateBytes", MaxStateBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
