using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.DurableTask.Client;
using Stratus.Durable;
using Stratus.Api.Security;
using Stratus.Identity.Authorization;
using Stratus.Testing;

namespace Stratus.Api.Tests.Durable;

public sealed class OrchestrationsReadApiTests(OrchestrationsApiFixture api) : IClassFixture<OrchestrationsApiFixture>
{
    [Fact]
    public async Task GetOrchestration_RunningInstance_ReturnsStatusAndRawJsonPayloads()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var id = await api.StartAsync<WaitForApprovalOrchestrator>(new { app = "web", version = 3 }, ct);
        await api.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running, ct);

        var instance = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/orchestrations/{id}", UriKind.Relative), ct);

        Assert.Equal(id, instance.GetProperty("instanceId").GetString());
        Assert.Equal(nameof(WaitForApprovalOrchestrator), instance.GetProperty("name").GetString());
        Assert.Equal("Running", instance.GetProperty("runtimeStatus").GetString());
        Assert.Equal("web", instance.GetProperty("input").GetProperty("app").GetString());
        Assert.Equal(3, instance.GetProperty("input").GetProperty("version").GetInt32());
        Assert.Equal("approval", instance.GetProperty("customStatus").GetProperty("waitingFor").GetString());
        Assert.Equal(JsonValueKind.Null, instance.GetProperty("output").ValueKind);
        Assert.True(instance.GetProperty("createdAt").GetDateTimeOffset() <= instance.GetProperty("lastUpdatedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task GetOrchestration_ShowInputFalse_LeavesInputOutButShowsOutput()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var id = await api.StartAsync<EchoOrchestrator>(new[] { 1, 2 }, ct);
        await api.Durable.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, ct);

        var instance = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/orchestrations/{id}?showInput=false", UriKind.Relative), ct);

        Assert.Equal("Completed", instance.GetProperty("runtimeStatus").GetString());
        Assert.Equal(JsonValueKind.Null, instance.GetProperty("input").ValueKind);
        Assert.Equal([1, 2], instance.GetProperty("output").EnumerateArray().Select(e => e.GetInt32()));
    }

    [Fact]
    public async Task GetOrchestration_FailedInstance_ReportsFailureDetails()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var id = await api.StartAsync<FailingOrchestrator>("disk full", ct);
        await api.Durable.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, ct);

        var instance = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/orchestrations/{id}", UriKind.Relative), ct);

        Assert.Equal("Failed", instance.GetProperty("runtimeStatus").GetString());
        var failure = instance.GetProperty("failureDetails");
        Assert.Equal(typeof(InvalidOperationException).FullName, failure.GetProperty("errorType").GetString());
        Assert.Equal("disk full", failure.GetProperty("errorMessage").GetString());
        Assert.Equal("disk full", instance.GetProperty("input").GetString());
    }

    [Theory]
    [InlineData("no-such-instance")]
    [InlineData("has%20space")]
    [InlineData("-leading-dash")]
    [InlineData("slash%2Fin%2Fid")]
    [InlineData("%C3%A9t%C3%A9")]
    [InlineData("quote'%22")]
    public async Task GetOrchestration_UnknownOrInvalidId_Returns404Problem(string id)
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();

        using var response = await client.GetAsync(new Uri($"/api/v1/orchestrations/{id}", UriKind.Relative), ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Orchestration instance not found", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task GetOrchestration_IdTooLong_Returns404ProblemExplainingIds()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();

        using var response = await client.GetAsync(new Uri($"/api/v1/orchestrations/{new string('a', InstanceIds.MaxLength + 1)}", UriKind.Relative), ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("not a valid instance id", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetOrchestration_BadShowInput_Returns400Problem()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/v1/orchestrations/anything?showInput=maybe", UriKind.Relative), ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Invalid showInput", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task ListOrchestrations_ByPrefixStatusAndCreatedFrom_PagesThroughAll()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        var prefix = $"paged-{Guid.NewGuid():N}-";
        var started = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            started.Add(await api.StartFinishedAsync(ct, prefix));
        }

        await api.StartFinishedAsync(ct, "other-");

        var listed = new List<string>();
        var pages = 0;
        string? token = null;
        do
        {
            var url = $"/api/v1/orchestrations?instanceIdPrefix={prefix}&status=Completed&createdFrom={Uri.EscapeDataString(since.ToString("O"))}&pageSize=2"
                + (token is null ? string.Empty : $"&continuationToken={Uri.EscapeDataString(token)}");
            var page = await client.GetFromJsonAsync<JsonElement>(new Uri(url, UriKind.Relative), ct);
            var items = page.GetProperty("items").EnumerateArray().ToList();
            Assert.True(items.Count <= 2);
            Assert.All(items, item => Assert.Equal("Completed", item.GetProperty("runtimeStatus").GetString()));
            listed.AddRange(items.Select(item => item.GetProperty("instanceId").GetString()!));
            token = page.GetProperty("continuationToken").GetString();
            pages++;
        }
        while (token is not null);

        Assert.True(pages >= 2);
        Assert.Equal(started.Order(), listed.Order());
    }

    [Fact]
    public async Task ListOrchestrations_ByStatus_ReturnsOnlyThoseStatuses()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var since = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddSeconds(-1).ToString("O"));
        var running = await api.StartAsync<WaitForApprovalOrchestrator>(null, ct);
        await api.WaitForStatusAsync(running, OrchestrationRuntimeStatus.Running, ct);
        var completed = await api.StartFinishedAsync(ct);

        var onlyRunning = await ListIdsAsync(client, $"/api/v1/orchestrations?status=Running&createdFrom={since}", ct);
        var both = await ListIdsAsync(client, $"/api/v1/orchestrations?status=running,COMPLETED&createdFrom={since}", ct);
        var repeated = await ListIdsAsync(client, $"/api/v1/orchestrations?status=Running&status=Completed&createdFrom={since}", ct);

        Assert.Contains(running, onlyRunning);
        Assert.DoesNotContain(completed, onlyRunning);
        Assert.Contains(running, both);
        Assert.Contains(completed, both);
        Assert.Equal(both.Order(), repeated.Order());
    }

    [Fact]
    public async Task ListOrchestrations_CreatedRangeBeforeInstances_ReturnsNone()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        await api.StartFinishedAsync(ct);

        var ids = await ListIdsAsync(client, "/api/v1/orchestrations?createdFrom=2020-01-01&createdTo=2020-01-02T00:00:00Z", ct);

        Assert.Empty(ids);
    }

    [Fact]
    public async Task ListOrchestrations_ShowInput_IncludesInputAndOutput()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var since = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddSeconds(-1).ToString("O"));
        var id = await api.StartFinishedAsync(ct);

        var without = await FindAsync(client, $"/api/v1/orchestrations?createdFrom={since}", id, ct);
        var with = await FindAsync(client, $"/api/v1/orchestrations?createdFrom={since}&showInput=true", id, ct);

        Assert.Equal(JsonValueKind.Null, without.GetProperty("input").ValueKind);
        Assert.True(with.GetProperty("input").GetProperty("done").GetBoolean());
        Assert.True(with.GetProperty("output").GetProperty("done").GetBoolean());
    }

    [Theory]
    [InlineData("status=Bogus", "Invalid status", "Suspended")]
    [InlineData("status=Running,1", "Invalid status", "'1'")]
    [InlineData("pageSize=0", "Invalid pageSize", "between 1 and 1000")]
    [InlineData("pageSize=1001", "Invalid pageSize", "between 1 and 1000")]
    [InlineData("pageSize=ten", "Invalid pageSize", "'ten'")]
    [InlineData("createdFrom=yesterday", "Invalid createdFrom", "ISO 8601")]
    [InlineData("createdTo=2026-13-45", "Invalid createdTo", "ISO 8601")]
    [InlineData("createdFrom=2026-05-02&createdTo=2026-05-01", "Invalid creation range", "earlier than createdTo")]
    [InlineData("continuationToken=%25%25notatoken", "Invalid continuation token", "token")]
    [InlineData("showInput=yes", "Invalid showInput", "true or false")]
    public async Task ListOrchestrations_BadQuery_Returns400Problem(string query, string title, string detail)
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();

        using var response = await client.GetAsync(new Uri($"/api/v1/orchestrations?{query}", UriKind.Relative), ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetOrchestrationHistory_CompletedInstance_ListsTypedEventsWithRawData()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var id = await api.StartAsync<EchoOrchestrator>(new { version = 7 }, ct);
        await api.Durable.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, ct);

        var history = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/orchestrations/{id}/history", UriKind.Relative), ct);

        var events = history.EnumerateArray().ToList();
        Assert.All(events, e => Assert.Equal("type", e.EnumerateObject().First().Name));
        Assert.All(events, e => Assert.False(e.TryGetProperty("$type", out _)));
        Assert.All(events, e => e.GetProperty("timestamp").GetDateTimeOffset());
        var started = Assert.Single(events, e => e.GetProperty("type").GetString() == "ExecutionStarted");
        Assert.Equal(nameof(EchoOrchestrator), started.GetProperty("name").GetString());
        Assert.Equal(7, started.GetProperty("input").GetProperty("version").GetInt32());
        Assert.Contains(events, e => e.GetProperty("type").GetString() == "OrchestratorStarted");
        var completed = Assert.Single(events, e => e.GetProperty("type").GetString() == "ExecutionCompleted");
        Assert.Equal(7, completed.GetProperty("result").GetProperty("version").GetInt32());
    }

    [Theory]
    [InlineData("no-such-instance")]
    [InlineData("bad%20id")]
    public async Task GetOrchestrationHistory_UnknownOrInvalidId_Returns404Problem(string id)
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();

        using var response = await client.GetAsync(new Uri($"/api/v1/orchestrations/{id}/history", UriKind.Relative), ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Orchestration instance not found", problem.GetProperty("title").GetString());
    }

    [Fact]
    public void Endpoints_UnderOrchestrations_ReadsNeedReadAndChangesNeedManage()
    {
        using var scope = api.Factory.Services.CreateScope();
        var endpoints = scope.ServiceProvider.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1/orchestrations", StringComparison.Ordinal) == true)
            .ToList();

        Assert.Equal(8, endpoints.Count);
        Assert.All(endpoints, e =>
        {
            var isRead = e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.SequenceEqual(["GET"]);
            Assert.Equal(isRead ? PermissionNames.OrchestrationRead : PermissionNames.OrchestrationManage, e.Metadata.GetMetadata<RequiredPermission>()?.Permission);
        });
    }

    [Fact]
    public async Task OpenApi_Document_DescribesOrchestrationEndpoints()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>(new Uri("/openapi/v1.json", UriKind.Relative), ct);

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/orchestrations/{instanceId}", out var instance));
        Assert.True(instance.TryGetProperty("delete", out _));
        Assert.True(paths.TryGetProperty("/api/v1/orchestrations/{instanceId}/events/{eventName}", out _));
    }

    private static async Task<List<string>> ListIdsAsync(HttpClient client, string url, CancellationToken ct)
    {
        var page = await client.GetFromJsonAsync<JsonElement>(new Uri(url, UriKind.Relative), ct);
        return [.. page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("instanceId").GetString()!)];
    }

    private static async Task<JsonElement> FindAsync(HttpClient client, string url, string instanceId, CancellationToken ct)
    {
        var page = await client.GetFromJsonAsync<JsonElement>(new Uri(url, UriKind.Relative), ct);
        return Assert.Single(page.GetProperty("items").EnumerateArray(), item => item.GetProperty("instanceId").GetString() == instanceId);
    }
}
