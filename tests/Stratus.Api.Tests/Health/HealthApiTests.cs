using System.Net;
using Stratus.Testing;

namespace Stratus.Api.Tests.Health;

/// <remarks>Runs through both hosts: <see cref="HealthApiStandaloneTests"/> and <see cref="HealthApiAzureFunctionsTests"/>.</remarks>
public abstract class HealthApiTests<TApi>(TApi api) : IClassFixture<TApi>
    where TApi : class, IStratusApiHost
{
    [Fact]
    public async Task Live_Always_Returns200()
    {
        using var client = api.CreateClient();

        var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative), TestTimeout.Token());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Ready_EmbeddedStorageAnswers_Returns200Healthy()
    {
        using var client = api.CreateClient();

        var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), TestTimeout.Token());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestTimeout.Token()));
    }

    [Fact]
    public async Task Live_EitherHost_CarriesTheSecurityHeaders()
    {
        using var client = api.CreateClient();

        using var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative), TestTimeout.Token());

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal(Stratus.Api.Api.SecurityHeadersMiddleware.ApiPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task UnknownRoute_Returns404ProblemDetails()
    {
        using var client = api.CreateClient();

        var response = await client.GetAsync(new Uri("/api/v1/nothing-here", UriKind.Relative), TestTimeout.Token());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
