using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Stratus.Api.Tests.Security;

/// <summary>
/// The API on a fake clock, with each request's client address chosen by the test
/// (<see cref="ClientAddressStartupFilter"/>) and a per-address limit of <see cref="AddressLimit"/>, so a handful of
/// failures locks an address. No proxy is configured: forwarded headers are not trusted here.
/// </summary>
public sealed class ThrottleApiFixture : IAsyncLifetime
{
    public const int AddressLimit = 5;
    private readonly StratusApiFixture _api = new();
    private WebApplicationFactory<Program>? _factory;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public WebApplicationFactory<Program> Factory => _factory ?? throw new InvalidOperationException("The fixture is not initialized.");

    public Task InitializeAsync()
    {
        _factory = _api.WithWebHostBuilder(b => b
            .UseSetting("Stratus:Identity:Throttle:PerAddressFailureLimit", AddressLimit.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .ConfigureTestServices(services => services
                .AddSingleton<TimeProvider>(Clock)
                .AddSingleton<IStartupFilter, ClientAddressStartupFilter>()));
        _ = _factory.Server;
        return Task.CompletedTask;
    }

    /// <summary>A client of <paramref name="factory"/> (this fixture's host when null) calling from <paramref name="address"/> (random when null).</summary>
    public HttpClient CreateClient(string? token, string? address = null, WebApplicationFactory<Program>? factory = null)
    {
        var client = (factory ?? Factory).CreateClient();
        client.DefaultRequestHeaders.Authorization = token is null ? null : new AuthenticationHeaderValue("Bearer", token);
        if (address is not null)
        {
            client.DefaultRequestHeaders.Add(ClientAddressStartupFilter.Header, address);
        }

        return client;
    }

    /// <summary>A client with the bootstrap admin's token, from a random address.</summary>
    public HttpClient CreateAdminClient() => CreateClient(_api.AdminToken);

    public async Task DisposeAsync() => await _api.DisposeAsync();
}
