using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Api.Infra.Vcs;
using Stratus.Api.Tests.Infra.Jobs;
using Stratus.Api.Triggers;
using Stratus.Infra.Vcs;
using Stratus.Storage;
using Stratus.Testing;

namespace Stratus.Api.Tests.Infra.Vcs;

/// <summary>
/// Webhooks through the real receiver, queue listener and job queue, with a fake provider API recording what Stratus
/// reports back. Workspaces are locked where only the creation of jobs matters, so no terraform runs for them.
/// </summary>
public sealed class VcsWebhookTests(VcsApiServer server) : IClassFixture<VcsApiServer>, IAsyncLifetime
{
    private const string Config = """
        resource "terraform_data" "item" {
          input = "one"
        }
        """;

    private const string Secret = "webhook-secret-0123456789";
    private FakeVcsProvider _provider = null!;

    public async Task InitializeAsync() => _provider = await FakeVcsProvider.StartAsync();

    public async Task DisposeAsync() => await _provider.DisposeAsync();

    [Fact]
    public async Task Webhook_BadOrMissingSignature_Is401ProblemAndNothingIsQueued()
    {
        var ct = TestTimeout.Token(60);
        var (org, ws) = await SetUpAsync(VcsProviders.GitHub, new { branches = new[] { "main" } }, locked: true, ct);
        var body = VcsPayloads.Read("github-push");
        var forged = await SendGitHubAsync(org, "push", "forged", body, WebhookSignatures.GitHubHeader("another-secret-000000", Encoding.UTF8.GetBytes(body)), ct);
        var unsigned = await SendGitHubAsync(org, "push", "unsigned", body, signature: null, ct);
        var problem = JsonDocument.Parse(await forged.Content.ReadAsStringAsync(ct)).RootElement;

        // A good delivery after them: once it is handled, a queued forged one would have been too.
        Assert.Equal(HttpStatusCode.Accepted, (await SendGitHubAsync(org, "push", "genuine", body, Sign(body), ct)).StatusCode);
        await WaitHandledAsync(org, "genuine", ct);

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Equal("application/problem+json", forged.Content.Headers.ContentType?.MediaType);
        Assert.Contains("webhookSecret", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.False(await Store.IsDeliveryHandledAsync(org, "repo", "forged", ct));
        Assert.False(await Store.IsDeliveryHandledAsync(org, "repo", "unsigned", ct));
        Assert.Equal(1, await JobCountAsync(org, ws, ct));
    }

    [Fact]
    public async Task Webhook_DuplicateDelivery_StartsOneJob()
    {
        var ct = TestTimeout.Token(60);
        var (org, ws) = await SetUpAsync(VcsProviders.GitHub, new { branches = new[] { "main" }, folders = new[] { "infra/network" } }, locked: true, ct);
        var body = VcsPayloads.Read("github-push");

        var first = await SendGitHubAsync(org, "push", "d-1", body, Sign(body), ct);
        var again = await SendGitHubAsync(org, "push", "d-1", body, Sign(body), ct);
        await WaitHandledAsync(org, "d-1", ct);

        // The queue may hand the same message over again (a crash before its deletion): run it once more directly.
        await RunFunctionAsync(new VcsQueueMessage(VcsQueueMessage.Delivery, org, "repo", "push", "d-1", body), ct);
        var jobs = await JobsAsync(org, ws, ct);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        var job = Assert.Single(jobs);
        Assert.Equal("VCS", job.GetProperty("via").GetString());
        Assert.Equal("vcs:repo", job.GetProperty("createdBy").GetString());
    }

    [Fact]
    public async Task Push_UnmatchedBranchOrFolder_StartsNoJob()
    {
        var ct = TestTimeout.Token(60);
        var body = VcsPayloads.Read("github-push");
        var (releaseOrg, releaseWs) = await SetUpAsync(VcsProviders.GitHub, new { branches = new[] { "release/*" } }, locked: true, ct);
        var (appsOrg, appsWs) = await SetUpAsync(VcsProviders.GitHub, new { branches = new[] { "main" }, folders = new[] { "apps" } }, locked: true, ct);

        await SendGitHubAsync(releaseOrg, "push", "branch", body, Sign(body), ct);
        await SendGitHubAsync(appsOrg, "push", "folder", body, Sign(body), ct);
        await WaitHandledAsync(releaseOrg, "branch", ct);
        await WaitHandledAsync(appsOrg, "folder", ct);

        Assert.Equal(0, await JobCountAsync(releaseOrg, releaseWs, ct));
        Assert.Equal(0, await JobCountAsync(appsOrg, appsWs, ct));
    }

    [Fact]
    public async Task GitLab_TokenChecked_PushStartsAJob()
    {
        var ct = TestTimeout.Token(60);
        var (org, ws) = await SetUpAsync(VcsProviders.GitLab, new { repository = "mike/diaspora", branches = new[] { "master" }, folders = new[] { "app" } }, locked: true, ct);
        var body = VcsPayloads.Read("gitlab-push");

        var wrong = await SendGitLabAsync(org, "Push Hook", "g-wrong", body, "not-the-secret", ct);
        var right = await SendGitLabAsync(org, "Push Hook", "g-1", body, Secret, ct);
        await WaitHandledAsync(org, "g-1", ct);

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, right.StatusCode);
        Assert.Equal(1, await JobCountAsync(org, ws, ct));
    }

    [Fact]
    public async Task Delivery_ThatAlwaysFails_EndsInThePoisonQueue()
    {
        var ct = TestTimeout.Token(90);
        var (org, _) = await SetUpAsync(VcsProviders.GitHub, new { branches = new[] { "main" } }, locked: true, ct);
        const string Body = "{\"ref\": \"refs/heads/main\", \"marker\": \"poison-marker\"";

        Assert.Equal(HttpStatusCode.Accepted, (await SendGitHubAsync(org, "push", "p-1", Body, Sign(Body), ct)).StatusCode);
        var poison = server.Services.GetRequiredService<IStorageAccount>().Queues.GetQueue(VcsQueue.Name + "-poison");
        var found = await Poll.UntilAsync(
            async () =>
            {
                try
                {
                    return (await poison.PeekAsync(32, ct)).Select(m => FunctionsQueueMessageEncoding.Decode(m.Text)).FirstOrDefault(t => t.Contains("poison-marker", StringComparison.Ordinal));
                }
                catch (ResourceNotFoundException)
                {
                    return null;
                }
            },
            text => text is not null,
            "the failing delivery reaches the poison queue",
            ct);

        Assert.Contains("\"deliveryId\":\"p-1\"", found, StringComparison.Ordinal);
        Assert.False(await Store.IsDeliveryHandledAsync(org, "repo", "p-1", ct));
    }

    [Fact]
    public async Task Connection_TokenIsEncryptedAndNeverReturned()
    {
        var ct = TestTimeout.Token(60);
        var (org, _) = await SetUpAsync(VcsProviders.GitHub, new { }, locked: true, ct);
        using var client = server.Client();

        var shown = await client.GetStringAsync(new Uri($"/api/v1/organizations/{org}/vcs/connections/repo", UriKind.Relative), ct);
        using var missing = await client.PostAsJsonAsync(new Uri($"/api/v1/organizations/{org}/vcs/connections", UriKind.Relative), new { id = "x", provider = "bitbucket", token = "t" }, ct);

        Assert.DoesNotContain(TokenOf(org), shown, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, shown, StringComparison.Ordinal);
        Assert.Empty(server.FilesContaining(TokenOf(org)));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("provider", await missing.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
    }

    [TerraformFact]
    public async Task Push_MatchingFilters_RunsTheWorkspaceTemplateWithTerraform()
    {
        var ct = TestTimeout.Token(180);
        var (org, ws) = await SetUpAsync(VcsProviders.GitHub, new { branches = new[] { "main" }, folders = new[] { "infra/network" }, template = "plan-and-apply" }, locked: false, ct);
        var body = VcsPayloads.Read("github-push");
        using var client = server.Client();

        await SendGitHubAsync(org, "push", "e2e-push", body, Sign(body), ct);
        var job = await Poll.UntilAsync(() => JobsAsync(org, ws, ct), jobs => jobs.Count == 1, "the push starts a job", ct);
        var done = await JobsApiCalls.WaitForFinalAsync(client, org, ws, job[0].GetProperty("id").GetInt32(), ct);

        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Equal("plan-and-apply", done.GetProperty("template").GetString());
        Assert.Equal(1, done.GetProperty("stateVersion").GetInt32());
    }

    [TerraformFact]
    public async Task PullRequest_Opened_SpeculativePlanReportsStatusAndComment()
    {
        var ct = TestTimeout.Token(180);
        var (org, ws) = await SetUpAsync(VcsProviders.GitHub, new { branches = new[] { "main" } }, locked: false, ct);
        var body = VcsPayloads.Read("github-pull-request-opened");
        using var client = server.Client();

        await SendGitHubAsync(org, "pull_request", "e2e-pr", body, Sign(body), ct);
        await Poll.UntilAsync(() => _provider.Calls.Any(c => c.Kind == "comment"), "the plan's result is reported", ct);
        var jobs = await JobsAsync(org, ws, ct);
        var statuses = _provider.Calls.Where(c => c.Kind == "status").ToList();
        var comment = _provider.Calls.Single(c => c.Kind == "comment");

        Assert.Equal("plan", Assert.Single(jobs).GetProperty("template").GetString());
        Assert.Equal("/repos/Codertocat/Hello-World/statuses/ec26c3e57ca3a959ca5aad62de7213c562f8c821", statuses[^1].Path);
        Assert.Equal(["pending", "success"], statuses.Select(s => s.Body.GetProperty("state").GetString()));
        Assert.Equal($"stratus/{ws}", statuses[^1].Body.GetProperty("context").GetString());
        Assert.StartsWith("Plan: 1 to add", statuses[^1].Body.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("/repos/Codertocat/Hello-World/issues/2/comments", comment.Path);
        Assert.Contains("Plan: 1 to add, 0 to change, 0 to destroy.", comment.Body.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Equal(TokenOf(org), comment.Token);
    }

    private VcsStore Store => server.Services.GetRequiredService<VcsStore>();

    private static string TokenOf(string org) => "tok-" + org;

    private static string Sign(string body) => WebhookSignatures.GitHubHeader(Secret, Encoding.UTF8.GetBytes(body));

    /// <summary>An organization with an uploaded workspace linked (through connection <c>repo</c> to the fake provider) with <paramref name="link"/>'s fields.</summary>
    private async Task<(string Org, string Ws)> SetUpAsync(string provider, object link, bool locked, CancellationToken ct)
    {
        using var client = server.Client();
        var (org, ws) = await JobsApiCalls.CreateWorkspaceAsync(client, Config, ct);
        await JobsApiCalls.SendAsync(client, HttpMethod.Post, $"/api/v1/organizations/{org}/vcs/connections", new { id = "repo", provider, apiUrl = _provider.BaseUrl, token = TokenOf(org), webhookSecret = Secret }, ct);
        var fields = JsonSerializer.SerializeToNode(link)!.AsObject();
        fields["connection"] = "repo";
        fields["repository"] ??= "Codertocat/Hello-World";
        fields["template"] ??= "plan";
        await JobsApiCalls.SendAsync(client, HttpMethod.Put, $"/api/v1/organizations/{org}/workspaces/{ws}/vcs", fields, ct);
        if (locked)
        {
            await JobsApiCalls.SendAsync(client, HttpMethod.Post, $"/api/v1/organizations/{org}/workspaces/{ws}/lock", new { reason = "only job creation is tested" }, ct);
        }

        return (org, ws);
    }

    private async Task<HttpResponseMessage> SendGitHubAsync(string org, string eventName, string delivery, string body, string? signature, CancellationToken ct)
    {
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/organizations/{org}/vcs/connections/repo/webhook") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-GitHub-Event", eventName);
        request.Headers.Add("X-GitHub-Delivery", delivery);
        if (signature is not null)
        {
            request.Headers.Add("X-Hub-Signature-256", signature);
        }

        var response = await client.SendAsync(request, ct);
        await response.Content.LoadIntoBufferAsync(ct);
        return response;
    }

    private async Task<HttpResponseMessage> SendGitLabAsync(string org, string eventName, string delivery, string body, string token, CancellationToken ct)
    {
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/organizations/{org}/vcs/connections/repo/webhook") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Gitlab-Event", eventName);
        request.Headers.Add("X-Gitlab-Event-UUID", delivery);
        request.Headers.Add("X-Gitlab-Token", token);
        var response = await client.SendAsync(request, ct);
        await response.Content.LoadIntoBufferAsync(ct);
        return response;
    }

    private Task WaitHandledAsync(string org, string delivery, CancellationToken ct) =>
        Poll.UntilAsync(() => Store.IsDeliveryHandledAsync(org, "repo", delivery, ct), $"delivery {delivery} is handled", ct);

    private async Task RunFunctionAsync(VcsQueueMessage message, CancellationToken ct)
    {
        using var scope = server.Services.CreateScope();
        var text = JsonSerializer.Serialize(message, VcsJsonContext.Default.VcsQueueMessage);
        await scope.ServiceProvider.GetRequiredService<VcsQueueFunction>().RunAsync(new QueueInvocation(VcsQueueFunction.Name, VcsQueue.Name, text, "direct", null, 1, null, null, null), ct);
    }

    private async Task<List<JsonElement>> JobsAsync(string org, string ws, CancellationToken ct)
    {
        using var client = server.Client();
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/organizations/{org}/workspaces/{ws}/jobs", ct);
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    private async Task<int> JobCountAsync(string org, string ws, CancellationToken ct) => (await JobsAsync(org, ws, ct)).Count;
}
