using System.Net.Http.Json;
using System.Text.Json;
using Stratus.Api.Tests.Identity;

namespace Stratus.Api.Tests.Apps.Env;

/// <summary>
/// What the app endpoint tests set up through the API: a team, a podman pool and an app of their own. Nothing is ever
/// deployed, so an operation's rollout ends at once ("applies at the first deploy") and no podman is needed.
/// </summary>
internal static class TestApps
{
    public static Task<string> CreateAsync(HttpClient admin, CancellationToken cancellationToken) =>
        CreateAsync(admin, new { provisioner = "podman", router = "local" }, cancellationToken);

    /// <param name="pool">The pool's provisioner, router and cluster, as <c>POST /pools</c> takes them (name and registry are added).</param>
    public static async Task<string> CreateAsync(HttpClient admin, object pool, CancellationToken cancellationToken)
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var identity = new IdentityAdmin(admin);
        await identity.CreateTeamAsync($"team-{suffix}", [], cancellationToken);
        var body = JsonSerializer.SerializeToNode(pool, JsonSerializerOptions.Web)!.AsObject();
        body["name"] = $"pool-{suffix}";
        body["registry"] = JsonSerializer.SerializeToNode(new { address = "127.0.0.1:5999", @namespace = "t", insecure = true }, JsonSerializerOptions.Web);
        await identity.SendAsync(HttpMethod.Post, "/api/v1/pools", body, cancellationToken);
        await identity.SendAsync(HttpMethod.Post, "/api/v1/apps", new { name = $"app-{suffix}", teamOwner = $"team-{suffix}", pool = $"pool-{suffix}" }, cancellationToken);
        return $"app-{suffix}";
    }

    /// <summary>Polls the operation's event until it has ended.</summary>
    public static async Task<JsonElement> WaitForEndAsync(HttpClient client, JsonElement operation, CancellationToken cancellationToken)
    {
        var path = operation.GetProperty("event").GetString()!;
        while (true)
        {
            var current = await client.GetFromJsonAsync<JsonElement>(path, cancellationToken);
            if (current.GetProperty("status").GetString() != "running")
            {
                return current;
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>Starts an operation, asserts it was accepted, and waits until its event has ended.</summary>
    public static async Task<JsonElement> RunAsync(HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            using var response = await client.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, $"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}: {text}");
            return await WaitForEndAsync(client, JsonDocument.Parse(text).RootElement.Clone(), cancellationToken);
        }
    }

    public static async Task<JsonElement> GetAppAsync(HttpClient client, string app, CancellationToken cancellationToken) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/v1/apps/{app}", cancellationToken);
}
