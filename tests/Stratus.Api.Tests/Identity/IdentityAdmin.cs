using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Stratus.Api.Tests.Identity;

/// <summary>What tests set up through the admin API: users with tokens, teams, roles and grants. Every call must succeed.</summary>
internal sealed class IdentityAdmin(HttpClient admin)
{
    public async Task<string> CreateUserWithTokenAsync(string name, CancellationToken cancellationToken)
    {
        await SendAsync(HttpMethod.Post, "/api/v1/users", new { name }, cancellationToken);
        var created = await SendAsync(HttpMethod.Post, $"/api/v1/users/{name}/tokens", new { name = "test" }, cancellationToken);
        return created.GetProperty("secret").GetString()!;
    }

    public async Task CreateTeamAsync(string name, IEnumerable<string> members, CancellationToken cancellationToken)
    {
        await SendAsync(HttpMethod.Post, "/api/v1/teams", new { name }, cancellationToken);
        foreach (var member in members)
        {
            await SendAsync(HttpMethod.Put, $"/api/v1/teams/{name}/members/{member}", null, cancellationToken);
        }
    }

    public Task CreateRoleAsync(string name, IEnumerable<string> permissions, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, "/api/v1/roles", new { name, permissions }, cancellationToken);

    public async Task<string> GrantAsync(string principal, string role, string scope, CancellationToken cancellationToken) =>
        (await SendAsync(HttpMethod.Post, "/api/v1/grants", new { principal, role, scope }, cancellationToken)).GetProperty("id").GetString()!;

    public async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await admin.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path} answered {(int)response.StatusCode}: {text}");
        return response.StatusCode == HttpStatusCode.NoContent || text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
