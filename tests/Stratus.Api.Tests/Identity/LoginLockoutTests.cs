using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Stratus.Identity.Stores;
using Stratus.Storage.Tables;
using Stratus.Testing;

namespace Stratus.Api.Tests.Identity;

/// <summary>Brute-force protection on password sign-in, on a fixture of its own: attempts count per user name.</summary>
public sealed class LoginLockoutTests(StratusApiFixture api) : IClassFixture<StratusApiFixture>
{
    private const string Password = LoginApiTests.Password;
    private const int Limit = 5;

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
        var events = await WaitForEventsAsync($"user:{user}", "identity.login.failed", Limit, ct);

        // The fifth failure uses up the last attempt and locks the name; the sixth is refused unchecked.
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, Limit - 1), statuses.Take(Limit - 1));
        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses.Skip(Limit - 1));
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.True(int.Parse(right.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.All(events, e => Assert.Contains("\"from\"", e.GetProperty("data").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Login_RightPasswordAfterTheLockoutEnds_SucceedsAndClearsTheCount()
    {
        var ct = TestTimeout.Token(120);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var factory = api.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        var user = await CreateUserAsync(ct);
        using var anonymous = factory.CreateClient();
        anonymous.DefaultRequestHeaders.Authorization = null;

        var wrong = await WrongPasswordsAsync(anonymous, user, Limit, ct);
        using var during = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { name = user, password = Password }, ct);
        clock.Advance(LoginThrottle.FirstLockout);
        using var after = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { name = user, password = Password }, ct);
        var row = await ThrottleRowAsync(factory.Services, user, ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, wrong[^1]);
        Assert.Equal(HttpStatusCode.TooManyRequests, during.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Null(row);
    }

    [Fact]
    public async Task Login_FortyConcurrentAttemptsOneRight_NeverChecksMoreThanTheLimit()
    {
        var ct = TestTimeout.Token(300);
        var user = await CreateUserAsync(ct);
        using var anonymous = api.CreateClient(token: null);

        var attempts = Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
        {
            using var response = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { name = user, password = i == 20 ? Password : $"guess number {i}!" }, ct);
            return (Right: i == 20, response.StatusCode);
        }, ct));
        var results = await Task.WhenAll(attempts);
        var right = results.Single(r => r.Right).StatusCode;
        var wrong = results.Where(r => !r.Right).Select(r => r.StatusCode).ToList();
        var row = await ThrottleRowAsync(api.Services, user, ct);

        Assert.All(wrong, s => Assert.Contains(s, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests }));
        Assert.True(row is null || row.GetInt32("Attempts") <= Limit, $"{row?.GetInt32("Attempts")} attempts were counted against a limit of {Limit}.");
        if (right == HttpStatusCode.TooManyRequests)
        {
            // The right password came after the limit: exactly the limit's worth of wrong ones were checked (the last
            // of them answered 429 as it started the lockout), and the right one was refused unchecked.
            Assert.Equal(Limit - 1, wrong.Count(s => s == HttpStatusCode.Unauthorized));
            Assert.Equal(Limit, row!.GetInt32("Attempts"));
            Assert.Equal(1, row.GetInt32("Lockouts"));
        }
        else
        {
            // The right password came within the limit and cleared the count once: at most a limit's worth of wrong
            // ones were checked before it and after it.
            Assert.Equal(HttpStatusCode.OK, right);
            Assert.InRange(wrong.Count(s => s == HttpStatusCode.Unauthorized), 0, 2 * (Limit - 1));
        }
    }

    private static async Task<List<HttpStatusCode>> WrongPasswordsAsync(HttpClient client, string user, int count, CancellationToken cancellationToken)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            using var attempt = await client.PostAsJsonAsync("/api/v1/auth/login", new { name = user, password = $"guess number {i}!" }, cancellationToken);
            statuses.Add(attempt.StatusCode);
        }

        return statuses;
    }

    /// <summary>The user name's throttle row as stored, or null if there is none.</summary>
    private static async Task<TableEntity?> ThrottleRowAsync(IServiceProvider services, string user, CancellationToken cancellationToken)
    {
        var table = await services.GetRequiredService<IdentityTable>().GetAsync(cancellationToken);
        return await table.GetAsync("throttle", $"login-user|{user}", cancellationToken);
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
