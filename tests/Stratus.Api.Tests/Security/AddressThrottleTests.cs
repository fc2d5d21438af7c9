using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Api.Tests.Identity;
using Stratus.Identity.Tokens;
using Stratus.Orchestrations.Jobs;
using Stratus.Testing;

namespace Stratus.Api.Tests.Security;

/// <summary>
/// Failures count per credential and, as a weak signal, per client address; neither lockout ever refuses a valid
/// credential, and only configured proxies may say who the client is.
/// </summary>
public sealed class AddressThrottleTests(ThrottleApiFixture fixture) : IClassFixture<ThrottleApiFixture>
{
    private static readonly Uri WhoAmI = new("/api/v1/whoami", UriKind.Relative);

    [Fact]
    public async Task WhoAmI_RandomTokensLockTheAddress_AValidTokenFromThereIsStillAccepted()
    {
        var ct = TestTimeout.Token();
        const string Address = "10.77.0.1";
        using var admin = fixture.CreateAdminClient();
        var valid = await new IdentityAdmin(admin).CreateUserWithTokenAsync(UniqueNames.Next("thr-"), ct);

        var statuses = await RandomTokensAsync(Address, ThrottleApiFixture.AddressLimit + 1, ct);
        using var client = fixture.CreateClient(valid, Address);
        using var accepted = await client.GetAsync(WhoAmI, ct);
        using var guess = fixture.CreateClient(TokenSecrets.Create(TokenKind.Personal), Address);
        using var stillLocked = await guess.GetAsync(WhoAmI, ct);

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, ThrottleApiFixture.AddressLimit - 1), statuses.Take(ThrottleApiFixture.AddressLimit - 1));
        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses.Skip(ThrottleApiFixture.AddressLimit - 1));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, stillLocked.StatusCode);
        Assert.Contains("address", await DetailAsync(stillLocked, ct), StringComparison.Ordinal);
        Assert.True(int.Parse(stillLocked.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public async Task WhoAmI_OneWrongTokenFromManyAddresses_LocksThatTokenOnly()
    {
        var ct = TestTimeout.Token();
        using var repeated = fixture.CreateClient(TokenSecrets.Create(TokenKind.Personal));
        var statuses = new List<HttpStatusCode>();

        // No address header: each request comes from a random address, so only the token's own count grows.
        for (var i = 0; i < 6; i++)
        {
            using var response = await repeated.GetAsync(WhoAmI, ct);
            statuses.Add(response.StatusCode);
        }

        using var locked = await repeated.GetAsync(WhoAmI, ct);
        using var other = fixture.CreateClient(TokenSecrets.Create(TokenKind.Personal));
        using var otherResponse = await other.GetAsync(WhoAmI, ct);

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 4), statuses.Take(4));
        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses.Skip(4));
        Assert.Contains("credential", await DetailAsync(locked, ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, otherResponse.StatusCode);
    }

    [Fact]
    public async Task WhoAmI_ExecutorStepTokenFromLoopbackAfterAddressFailures_IsAccepted()
    {
        var ct = TestTimeout.Token();
        const string Loopback = "127.0.0.1";
        var step = await fixture.Factory.Services.GetRequiredService<ExecutorCredentials>().IssueAsync("step-apply", TimeSpan.FromMinutes(30), ct);

        var statuses = await RandomTokensAsync(Loopback, ThrottleApiFixture.AddressLimit + 1, ct);
        using var client = fixture.CreateClient(step.Secret, Loopback);
        using var response = await client.GetAsync(WhoAmI, ct);
        var me = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"user:{ExecutorCredentials.UserName}", me.GetProperty("principal").GetString());
    }

    [Fact]
    public async Task WhoAmI_ExpiredExecutorStepToken_CountsAgainstItselfNotTheAddress()
    {
        var ct = TestTimeout.Token();
        const string Loopback = "127.0.0.2";
        var step = await fixture.Factory.Services.GetRequiredService<ExecutorCredentials>().IssueAsync("step-plan", TimeSpan.FromMinutes(1), ct);
        fixture.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        using var expired = fixture.CreateClient(step.Secret, Loopback);

        var guesses = await RandomTokensAsync(Loopback, ThrottleApiFixture.AddressLimit - 1, ct);
        var stepStatuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var refused = await expired.GetAsync(WhoAmI, ct);
            stepStatuses.Add(refused.StatusCode);
        }

        // Had the step token counted, the address would have locked at its first refusal; this guess is the limit.
        var lastGuess = await RandomTokensAsync(Loopback, 1, ct);
        using var afterLock = await expired.GetAsync(WhoAmI, ct);

        Assert.All(guesses, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.All(stepStatuses, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal([HttpStatusCode.TooManyRequests], lastGuess);
        Assert.Equal(HttpStatusCode.Unauthorized, afterLock.StatusCode);
        Assert.Contains("expired", await DetailAsync(afterLock, ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_AddressLockedByWrongPasswords_ARightPasswordFromThereSucceeds()
    {
        var ct = TestTimeout.Token(120);
        const string Address = "10.77.0.3";
        var user = UniqueNames.Next("thr-");
        using var admin = fixture.CreateAdminClient();
        await new IdentityAdmin(admin).SendAsync(HttpMethod.Post, "/api/v1/users", new { name = user, password = LoginApiTests.Password }, ct);
        using var client = fixture.CreateClient(token: null, Address);
        var statuses = new List<HttpStatusCode>();

        // Unknown names, one each: no name's own limit is reached, only the address's.
        for (var i = 0; i < ThrottleApiFixture.AddressLimit; i++)
        {
            using var wrong = await client.PostAsJsonAsync("/api/v1/auth/login", new { name = UniqueNames.Next("nobody-"), password = "a wrong password" }, ct);
            statuses.Add(wrong.StatusCode);
        }

        using var right = await client.PostAsJsonAsync("/api/v1/auth/login", new { name = user, password = LoginApiTests.Password }, ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Fact]
    public async Task WhoAmI_ForwardedForFromAnUnconfiguredProxy_IsIgnored()
    {
        var ct = TestTimeout.Token();
        const string Proxy = "10.78.0.1";

        await RandomTokensAsync(Proxy, ThrottleApiFixture.AddressLimit, ct, forwardedFor: "203.0.113.10");
        var otherClient = await RandomTokensAsync(Proxy, 1, ct, forwardedFor: "203.0.113.11");

        // Both "clients" were counted as the proxy itself, so the second finds it locked.
        Assert.Equal([HttpStatusCode.TooManyRequests], otherClient);
    }

    [Fact]
    public async Task WhoAmI_ForwardedForFromAConfiguredProxyOrNetwork_IsHonoured()
    {
        var ct = TestTimeout.Token();
        const string Proxy = "10.78.0.2";
        using var proxied = fixture.Factory.WithWebHostBuilder(b => b
            .UseSetting("Stratus:Api:KnownProxies:0", Proxy)
            .UseSetting("Stratus:Api:KnownNetworks:0", "10.79.0.0/16"));

        var locking = await RandomTokensAsync(Proxy, ThrottleApiFixture.AddressLimit, ct, "203.0.113.20", proxied);
        var otherClient = await RandomTokensAsync(Proxy, 1, ct, "203.0.113.21", proxied);
        var sameClientViaNetwork = await RandomTokensAsync("10.79.3.4", 1, ct, "203.0.113.20", proxied);
        var spoofedFromOutside = await RandomTokensAsync("10.80.0.1", 1, ct, "203.0.113.20", proxied);
        var spoofedFromLoopback = await RandomTokensAsync("127.0.0.3", 1, ct, "203.0.113.20", proxied);

        Assert.Equal(HttpStatusCode.TooManyRequests, locking[^1]);
        Assert.Equal([HttpStatusCode.Unauthorized], otherClient);
        Assert.Equal([HttpStatusCode.TooManyRequests], sameClientViaNetwork);
        Assert.Equal([HttpStatusCode.Unauthorized], spoofedFromOutside);
        Assert.Equal([HttpStatusCode.Unauthorized], spoofedFromLoopback);
    }

    /// <summary>Sends <paramref name="count"/> distinct well-formed but unknown tokens from <paramref name="address"/>.</summary>
    private async Task<List<HttpStatusCode>> RandomTokensAsync(
        string address, int count, CancellationToken cancellationToken, string? forwardedFor = null, Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>? factory = null)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            using var client = fixture.CreateClient(TokenSecrets.Create(TokenKind.Personal), address, factory);
            if (forwardedFor is not null)
            {
                client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
            }

            using var response = await client.GetAsync(WhoAmI, cancellationToken);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }

    private static async Task<string> DetailAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("detail").GetString()!;
}
