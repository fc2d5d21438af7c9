using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Stratus.Benchmarks.Infra;

/// <summary>The few infrastructure API calls the benchmark makes, over one authenticated client.</summary>
internal sealed class InfraApi(HttpClient client)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    public static bool IsFinal(string? status) => status is "completed" or "failed" or "cancelled" or "rejected" or "noChanges" or "notExecuted";

    public async Task CreateOrganizationAsync(string organization, CancellationToken cancellationToken) =>
        await SendAsync(HttpMethod.Post, "/api/v1/organizations", new { name = organization }, cancellationToken);

    public async Task CreateTemplateAsync(string organization, string id, string tcl, CancellationToken cancellationToken) =>
        await SendAsync(HttpMethod.Post, $"/api/v1/organizations/{organization}/templates", new { id, name = id, tcl }, cancellationToken);

    /// <summary>Creates the workspace and uploads <paramref name="config"/> as its main.tf.</summary>
    public async Task CreateWorkspaceAsync(string organization, string workspace, string config, CancellationToken cancellationToken)
    {
        await SendAsync(HttpMethod.Post, $"/api/v1/organizations/{organization}/workspaces", new { name = workspace }, cancellationToken);
        using var content = new ByteArrayContent(TarGz.Create(("main.tf", config)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/gzip");
        using var upload = await client.PutAsync(new Uri($"/api/v1/organizations/{organization}/workspaces/{workspace}/source", UriKind.Relative), content, cancellationToken);
        await EnsureSuccessAsync(upload, "PUT source", cancellationToken);
    }

    public async Task<int> CreateJobAsync(string organization, string workspace, string template, CancellationToken cancellationToken)
    {
        var job = await SendAsync(HttpMethod.Post, $"/api/v1/organizations/{organization}/workspaces/{workspace}/jobs", new { template }, cancellationToken);
        return job.GetProperty("id").GetInt32();
    }

    public async Task<JsonElement> GetJobAsync(string organization, string workspace, int id, CancellationToken cancellationToken) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/v1/organizations/{organization}/workspaces/{workspace}/jobs/{id}", cancellationToken);

    /// <summary>Polls until the job has a start time (or ended), and returns it as the API shows it then.</summary>
    public async Task<JsonElement> WaitForStartAsync(string organization, string workspace, int id, CancellationToken cancellationToken)
    {
        while (true)
        {
            var job = await GetJobAsync(organization, workspace, id, cancellationToken);
            if (job.TryGetProperty("startedAt", out var started) && started.ValueKind == JsonValueKind.String)
            {
                return job;
            }

            if (IsFinal(job.GetProperty("status").GetString()))
            {
                throw new InvalidOperationException($"Job {organization}/{workspace}/{id} ended without starting: {job}");
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    public async Task<JsonElement> WaitForFinalAsync(string organization, string workspace, int id, TimeSpan pollInterval, CancellationToken cancellationToken)
    {
        while (true)
        {
            var job = await GetJobAsync(organization, workspace, id, cancellationToken);
            if (IsFinal(job.GetProperty("status").GetString()))
            {
                return job;
            }

            await Task.Delay(pollInterval, cancellationToken);
        }
    }

    /// <summary>Sends without judging the answer: for endpoints that may not exist yet.</summary>
    public async Task<(HttpStatusCode Status, string Body)> TrySendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await client.SendAsync(request, cancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await client.SendAsync(request, cancellationToken);
        var text = await EnsureSuccessAsync(response, $"{method} {path}", cancellationToken);
        if (text.Length == 0)
        {
            return default;
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    private static async Task<string> EnsureSuccessAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode
            ? text
            : throw new InvalidOperationException($"{what} answered {(int)response.StatusCode}: {text}");
    }
}
