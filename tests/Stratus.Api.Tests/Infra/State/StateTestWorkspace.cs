using System.Net.Http.Json;
using System.Text.Json;
using Stratus.Api.Tests.Identity;
using Stratus.Testing;

namespace Stratus.Api.Tests.Infra.State;

/// <summary>A fresh organization and workspace on the server, and users holding chosen state permissions on it.</summary>
internal sealed class StateTestWorkspace
{
    private readonly StateApiServer _server;
    private readonly HttpClient _admin;

    private StateTestWorkspace(StateApiServer server, HttpClient admin, string organization, string workspace)
    {
        _server = server;
        _admin = admin;
        Organization = organization;
        Name = workspace;
    }

    public string Organization { get; }

    public string Name { get; }

    /// <summary>The state endpoint path, relative to the server.</summary>
    public string Path => $"api/v1/organizations/{Organization}/workspaces/{Name}/state";

    public Uri Address => new(_server.BaseAddress, Path);

    public static async Task<StateTestWorkspace> CreateAsync(StateApiServer server, HttpClient admin, CancellationToken cancellationToken)
    {
        var organization = Unique("org");
        var workspace = Unique("ws");
        await SendAsync(admin, HttpMethod.Post, "api/v1/organizations", new { name = organization }, cancellationToken);
        await SendAsync(admin, HttpMethod.Post, $"api/v1/organizations/{organization}/workspaces", new { name = workspace }, cancellationToken);
        return new StateTestWorkspace(server, admin, organization, workspace);
    }

    /// <summary>A new user with a token and a role holding exactly <paramref name="permissions"/> on this workspace.</summary>
    public async Task<(string User, string Token)> UserWithAsync(string[] permissions, CancellationToken cancellationToken)
    {
        var identity = new IdentityAdmin(_admin);
        var user = Unique("tf");
        var role = Unique("state-role");
        var token = await identity.CreateUserWithTokenAsync(user, cancellationToken);
        await identity.CreateRoleAsync(role, permissions, cancellationToken);
        await identity.GrantAsync($"user:{user}", role, $"workspace:{Organization}/{Name}", cancellationToken);
        return (user, token);
    }

    public async Task<JsonElement> GetJsonAsync(string relative, CancellationToken cancellationToken) =>
        await SendAsync(_admin, HttpMethod.Get, Path + relative, null, cancellationToken);

    public async Task<JsonElement> SendAsync(HttpMethod method, string relative, CancellationToken cancellationToken) =>
        await SendAsync(_admin, method, Path + relative, null, cancellationToken);

    private static string Unique(string prefix) => UniqueNames.Next(prefix + "-", 10);

    private static async Task<JsonElement> SendAsync(HttpClient client, HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await client.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path} answered {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
