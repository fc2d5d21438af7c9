using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Stratus.Api.Tests.Infra.Variables;

/// <summary>
/// An organization and workspace of a test's own, made through the API, and calls that record every response body,
/// so a test can check afterwards that no response ever carried a secret.
/// </summary>
internal sealed class VariablesApiSession(HttpClient client)
{
    private readonly List<string> _bodies = [];

    public string Organization { get; } = "o" + Guid.NewGuid().ToString("N")[..12];

    public string Org => $"/api/v1/organizations/{Organization}";

    public string Ws(string workspace = "net") => $"{Org}/workspaces/{workspace}";

    /// <summary>Every response body this session has seen.</summary>
    public IReadOnlyList<string> Bodies => _bodies;

    public async Task<VariablesApiSession> CreateOrganizationAsync(CancellationToken cancellationToken, params string[] workspaces)
    {
        await ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/organizations", new { name = Organization }, cancellationToken);
        foreach (var workspace in workspaces)
        {
            await ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"{Org}/workspaces", new { name = workspace }, cancellationToken);
        }

        return this;
    }

    public async Task<JsonElement> ExpectAsync(HttpStatusCode expected, HttpMethod method, string path, object? body, CancellationToken cancellationToken, string? ifMatch = null)
    {
        var (status, json, _) = await SendAsync(method, path, body, cancellationToken, ifMatch);
        Assert.True(status == expected, $"{method} {path} answered {(int)status}, not {(int)expected}: {json}");
        return json;
    }

    public async Task<(HttpStatusCode Status, JsonElement Body, string? ETag)> SendAsync(
        HttpMethod method, string path, object? body, CancellationToken cancellationToken, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is string raw)
        {
            request.Content = new StringContent(raw, Encoding.UTF8, "application/json");
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        using var response = await client.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        lock (_bodies)
        {
            _bodies.Add(text);
        }

        var json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, json, response.Headers.ETag?.ToString());
    }
}
