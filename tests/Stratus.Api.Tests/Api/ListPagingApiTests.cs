using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Stratus.Api.Tests.Identity;
using Stratus.Testing;

namespace Stratus.Api.Tests.Api;

/// <summary>
/// Every list the API pages: three new items read two at a time, following <c>continuation</c> to the end, come back
/// exactly once each; a token the list never returned is a 400 that names <c>?continuation=</c>.
/// </summary>
public sealed class ListPagingApiTests(StratusApiFixture api) : IClassFixture<StratusApiFixture>
{
    public static TheoryData<string> BodyPagedLists => ["plans", "pools", "platforms", "apps"];

    [Theory]
    [MemberData(nameof(BodyPagedLists))]
    public async Task List_LimitTwoFollowedToTheEnd_ReturnsEachItemOnce(string list)
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var (path, created) = await CreateThreeAsync(client, list, ct);

        var seen = new List<string>();
        var pages = 0;
        string? continuation = null;
        do
        {
            var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            var url = $"{path}{separator}limit=2" + (continuation is null ? "" : $"&continuation={Uri.EscapeDataString(continuation)}");
            var page = await client.GetFromJsonAsync<JsonElement>(url, ct);
            var items = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!).ToList();
            Assert.True(items.Count <= 2, $"{url} answered {items.Count} items for limit=2");
            seen.AddRange(items);
            continuation = page.GetProperty("continuation").GetString();
            pages++;
        }
        while (continuation is not null && pages < 100);

        Assert.Null(continuation);
        Assert.True(pages >= 2, $"{path} with limit=2 answered all its items in one page");
        Assert.Equal(seen.Count, seen.Distinct(StringComparer.Ordinal).Count());
        Assert.All(created, name => Assert.Contains(name, seen));
    }

    [Theory]
    [MemberData(nameof(BodyPagedLists))]
    public async Task List_UnknownContinuation_Returns400NamingIt(string list)
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();

        using var response = await client.GetAsync(new Uri($"/api/v1/{list}?continuation=not-a-token", UriKind.Relative), ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("?continuation=", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    public static TheoryData<string> ArrayPagedLists => ["tokens", "team-tokens", "roles"];

    [Theory]
    [MemberData(nameof(ArrayPagedLists))]
    public async Task ArrayList_LimitTwoFollowingLinkNext_ReturnsEachItemOnce(string list)
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var (path, created) = await CreateThreeAsync(client, list, ct);

        var seen = new List<string>();
        var pages = 0;
        string? next = $"{path}?limit=2";
        while (next is not null && pages < 100)
        {
            using var response = await client.GetAsync(new Uri(next, UriKind.Relative), ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var items = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).EnumerateArray().Select(i => i.GetProperty("name").GetString()!).ToList();
            Assert.True(items.Count <= 2, $"{next} answered {items.Count} items for limit=2");
            seen.AddRange(items);
            next = NextLink(response);
            pages++;
        }

        Assert.Null(next);
        Assert.True(pages >= 2, $"{path} with limit=2 answered all its items in one page");
        Assert.Equal(seen.Count, seen.Distinct(StringComparer.Ordinal).Count());
        Assert.All(created, name => Assert.Contains(name, seen));
    }

    [Theory]
    [MemberData(nameof(ArrayPagedLists))]
    public async Task ArrayList_UnknownContinuation_Returns400NamingIt(string list)
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var (path, _) = await CreateThreeAsync(client, list, ct);

        using var response = await client.GetAsync(new Uri($"{path}?continuation=not-a-token", UriKind.Relative), ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("?continuation=", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    /// <summary>The target of the response's RFC 8288 <c>Link</c> with <c>rel="next"</c>, or null.</summary>
    private static string? NextLink(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var values))
        {
            return null;
        }

        var link = Assert.Single(values);
        Assert.EndsWith("; rel=\"next\"", link, StringComparison.Ordinal);
        return link[1..link.IndexOf('>', StringComparison.Ordinal)];
    }

    /// <returns>The list's path (with any filter that keeps it to this test's items) and the names created.</returns>
    private static async Task<(string Path, string[] Names)> CreateThreeAsync(HttpClient client, string list, CancellationToken ct)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var identity = new IdentityAdmin(client);
        var names = Enumerable.Range(1, 3).Select(i => $"pg{i}-{suffix}").ToArray();
        switch (list)
        {
            case "plans":
                foreach (var name in names)
                {
                    await identity.SendAsync(HttpMethod.Post, "/api/v1/plans", new { name, cpuMilli = 250, memory = "256Mi" }, ct);
                }

                return ("/api/v1/plans", names);
            case "pools":
                foreach (var name in names)
                {
                    await identity.SendAsync(HttpMethod.Post, "/api/v1/pools", Pool(name), ct);
                }

                return ("/api/v1/pools", names);
            case "platforms":
                foreach (var name in names)
                {
                    await identity.SendAsync(HttpMethod.Post, "/api/v1/platforms", new { name, image = "127.0.0.1:5000/platforms/static:latest" }, ct);
                }

                return ("/api/v1/platforms", names);
            case "apps":
                await identity.CreateTeamAsync($"team-{suffix}", [], ct);
                await identity.SendAsync(HttpMethod.Post, "/api/v1/pools", Pool($"pool-{suffix}"), ct);
                foreach (var name in names)
                {
                    await identity.SendAsync(HttpMethod.Post, "/api/v1/apps", new { name, teamOwner = $"team-{suffix}", pool = $"pool-{suffix}" }, ct);
                }

                return ($"/api/v1/apps?pool=pool-{suffix}", names);
            case "tokens":
                foreach (var name in names)
                {
                    await identity.SendAsync(HttpMethod.Post, "/api/v1/tokens", new { name }, ct);
                }

                return ("/api/v1/tokens", names);
            case "team-tokens":
                await identity.CreateTeamAsync($"team-{suffix}", [], ct);
                foreach (var name in names)
                {
                    await identity.SendAsync(HttpMethod.Post, $"/api/v1/teams/team-{suffix}/tokens", new { name }, ct);
                }

                return ($"/api/v1/teams/team-{suffix}/tokens", names);
            case "roles":
                foreach (var name in names)
                {
                    await identity.SendAsync(HttpMethod.Post, "/api/v1/roles", new { name, permissions = new[] { "app.read" } }, ct);
                }

                return ("/api/v1/roles", names);
            default:
                throw new ArgumentOutOfRangeException(nameof(list), list, "No test data for this list.");
        }
    }

    private static object Pool(string name) => new { name, registry = new { address = "127.0.0.1:5999", @namespace = "t", insecure = true } };
}
