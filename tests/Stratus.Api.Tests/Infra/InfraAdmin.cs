using System.Net.Http.Json;
using System.Text.Json;

namespace Stratus.Api.Tests.Infra;

/// <summary>Sets up organizations and workspaces through the API; every call must succeed.</summary>
internal sealed class InfraAdmin(HttpClient client)
{
    public async Task<string> CreateOrganizationAsync(CancellationToken cancellationToken)
    {
        var name = "org-" + Guid.NewGuid().ToString("N")[..10];
        await SendAsync(HttpMethod.Post, "/api/v1/organizations", new { name }, cancellationToken);
        return name;
    }

    public async Task<JsonElement> CreateWorkspaceAsync(string organization, object body, CancellationToken cancellationToken) =>
        await SendAsync(HttpMethod.Post, $"/api/v1/organizations/{organization}/workspaces", body, cancellationToken);

    public async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await client.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path} answered {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
