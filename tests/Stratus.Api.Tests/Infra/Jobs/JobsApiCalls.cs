using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Stratus.Testing;

namespace Stratus.Api.Tests.Infra.Jobs;

/// <summary>The API calls the job suites share: a workspace with an uploaded configuration, a job run to its end, a checked call.</summary>
internal static class JobsApiCalls
{
    public static async Task<(string Organization, string Workspace)> CreateWorkspaceAsync(HttpClient client, string config, CancellationToken cancellationToken)
    {
        var org = "org-" + Guid.NewGuid().ToString("N")[..8];
        await SendAsync(client, HttpMethod.Post, "/api/v1/organizations", new { name = org }, cancellationToken);
        await SendAsync(client, HttpMethod.Post, $"/api/v1/organizations/{org}/workspaces", new { name = "main" }, cancellationToken);
        using var content = new ByteArrayContent(TarGz.Create(("main.tf", config)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/gzip");
        using var upload = await client.PutAsync(new Uri($"/api/v1/organizations/{org}/workspaces/main/source", UriKind.Relative), content, cancellationToken);
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        return (org, "main");
    }

    public static async Task<JsonElement> RunAsync(HttpClient client, string org, string ws, string template, CancellationToken cancellationToken)
    {
        var job = await SendAsync(client, HttpMethod.Post, $"/api/v1/organizations/{org}/workspaces/{ws}/jobs", new { template }, cancellationToken);
        return await WaitForFinalAsync(client, org, ws, job.GetProperty("id").GetInt32(), cancellationToken);
    }

    public static async Task<JsonElement> WaitForFinalAsync(HttpClient client, string org, string ws, int id, CancellationToken cancellationToken)
    {
        return await Poll.UntilAsync(
            () => client.GetFromJsonAsync<JsonElement>($"/api/v1/organizations/{org}/workspaces/{ws}/jobs/{id}", cancellationToken),
            job => job.GetProperty("status").GetString() is "completed" or "failed" or "cancelled" or "rejected" or "noChanges" or "notExecuted",
            $"job {id} ends",
            cancellationToken);
    }

    public static async Task<JsonElement> SendAsync(HttpClient client, HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await client.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path} answered {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
