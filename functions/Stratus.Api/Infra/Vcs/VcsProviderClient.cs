using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Stratus.Api.Telemetry;
using Stratus.Infra.Vcs;

namespace Stratus.Api.Infra.Vcs;

/// <summary>
/// Reports back to a provider's REST API: a commit status (GitHub <c>POST /repos/{owner}/{repo}/statuses/{sha}</c>,
/// GitLab <c>POST /projects/{id}/statuses/{sha}</c>) and a comment (GitHub issue comment, GitLab merge request note).
/// A failed call throws, so the queue message retries.
/// </summary>
internal sealed partial class VcsProviderClient(IHttpClientFactory clients, ILogger<VcsProviderClient> logger)
{
    public const string HttpClientName = "stratus-vcs";

    /// <param name="state">GitHub's states: pending, success, failure, error (mapped to GitLab's pending, success, failed).</param>
    public Task SetStatusAsync(VcsConnection connection, string token, VcsSpeculativeRun run, string state, string context, string description, CancellationToken cancellationToken)
    {
        if (connection.Provider == VcsProviders.GitHub)
        {
            return SendAsync(connection, token, $"repos/{run.Repository}/statuses/{run.Sha}", new GitHubStatus(state, description, context), "status", cancellationToken);
        }

        var gitlabState = state switch { "failure" or "error" => "failed", _ => state };
        return SendAsync(connection, token, $"projects/{run.ProjectId}/statuses/{run.Sha}", new GitLabStatus(gitlabState, context, description), "status", cancellationToken);
    }

    public Task CommentAsync(VcsConnection connection, string token, VcsSpeculativeRun run, string body, CancellationToken cancellationToken) =>
        connection.Provider == VcsProviders.GitHub
            ? SendAsync(connection, token, $"repos/{run.Repository}/issues/{run.PullRequest}/comments", new Comment(body), "comment", cancellationToken)
            : SendAsync(connection, token, $"projects/{run.ProjectId}/merge_requests/{run.PullRequest}/notes", new Comment(body), "comment", cancellationToken);

    private async Task SendAsync<T>(VcsConnection connection, string token, string path, T body, string what, CancellationToken cancellationToken)
    {
        using var activity = StratusTelemetry.ActivitySource.StartActivity("vcs " + what, ActivityKind.Client);
        activity?.SetTag("vcs.provider", connection.Provider);
        activity?.SetTag("vcs.connection", $"{connection.Organization}/{connection.Id}");
        var uri = new Uri(connection.ApiUrl.TrimEnd('/') + "/" + path);
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = JsonContent.Create(body) };
        if (connection.Provider == VcsProviders.GitHub)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Accept.ParseAdd("application/vnd.github+json");
            request.Headers.Add("X-GitHub-Api-Version", "2022-11-28");
        }
        else
        {
            request.Headers.Add("PRIVATE-TOKEN", token);
        }

        using var response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        activity?.SetTag("http.response.status_code", (int)response.StatusCode);
        LogCall(logger, connection.Provider, what, uri.AbsolutePath, (int)response.StatusCode);
        if (!response.IsSuccessStatusCode)
        {
            activity?.SetStatus(ActivityStatusCode.Error);
            throw new HttpRequestException($"{connection.Provider} answered {(int)response.StatusCode} to POST {uri.AbsolutePath}.", null, response.StatusCode);
        }
    }

    [LoggerMessage(EventId = 8610, Level = LogLevel.Information, Message = "Sent a {Provider} {What} to {Path}: {StatusCode}")]
    private static partial void LogCall(ILogger logger, string provider, string what, string path, int statusCode);

    private sealed record GitHubStatus(string State, string Description, string Context);

    private sealed record GitLabStatus(string State, string Name, string Description);

    private sealed record Comment(string Body);
}
