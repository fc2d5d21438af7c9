using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Stratus.Testing;

namespace Stratus.Api.Tests.Identity;

/// <summary>Brute-force protection on password sign-in, on a fixture of its own: failures also count per client address.</summary>
public sealed class LoginLockoutTests(StratusApiFixture api) : IClassFixture<StratusApiFixture>
{
    private const string Password = LoginApiTests.Password;

    [Fact]
    public async Task Login_RepeatedWrongPasswords_LocksOutEvenTheRightPasswordAndRecordsFailures()
    {
        var ct = TestTimeout.Token(120);
        var user = await CreateUserAsync(ct);
        using var anonymous = api.CreateClient(token: null);
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 6; i++)
        {
            using var attempt = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { name = user, password = $"guess number {i}!" }, ct);
            statuses.Add(attempt.StatusCode);
        }

        using var right = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { name = user, password = Password }, ct);
        var events = await WaitForEventsAsync($"user:{user}", "identity.login.failed", 5, ct);

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 5), statuses.Take(5));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[5]);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.True(int.Parse(right.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.All(events, e => Assert.Contains("\"from\"", e.GetProperty("data").GetString(), StringComparison.Ordinal));
    }

    private async Task<string> CreateUserAsync(CancellationToken cancellationToken)
    {
        var user = $"login-{Guid.NewGuid():N}"[..20];
        using var admin = api.CreateClient();
        await new IdentityAdmin(admin).SendAsync(HttpMethod.Post, "/api/v1/users", new { name = user, password = Password }, cancellationToken);
        return user;
    }

    /// <summary>Events are recorded by the events queue function, a moment after the request.</summary>
    private async Task<List<JsonElement>> WaitForEventsAsync(string target, string kind, int count, CancellationToken cancellationToken)
    {
        using var admin = api.CreateClient();
        return await Poll.UntilAsync(
            async () => (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/events?target={Uri.EscapeDataString(target)}", cancellationToken))
                .GetProperty("events").EnumerateArray().Where(e => e.GetProperty("kind").GetString() == kind).ToList(),
            matching => matching.Count >= count,
            $"{count} {kind} events for {target} are recorded",
            cancellationToken);
    }
}
