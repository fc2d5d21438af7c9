using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Stratus.Durable;
using Stratus.Testing;

namespace Stratus.Api.Tests.Durable;

public sealed class OrchestrationsManageApiTests(OrchestrationsApiFixture api) : IClassFixture<OrchestrationsApiFixture>
{
    [Fact]
    public async Task RaiseEvent_RunningInstance_Returns202AndDeliversPayload()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var id = await api.StartAsync<WaitForApprovalOrchestrator>(null, ct);

        using var response = await PostAsync(client, $"/api/v1/orchestrations/{id}/events/approval", """{"by":"alice","ok":true}""", ct);
        var done = await api.Durable.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"/api/v1/orchestrations/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var output = done.ReadOutputAs<JsonElement>();
        Assert.Equal("alice", output.GetProperty("by").GetString());
        Assert.True(output.GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task RaiseEvent_EmptyBody_DeliversNull()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var id = await api.StartAsync<WaitForApprovalOrchestrator>(null, ct);

        using var response = await PostAsync(client, $"/api/v1/orchestrations/{id}/events/approval", null, ct);
        var done = await api.Durable.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Null(done.SerializedOutput);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("""{"a":1}{"b":2}""")]
    [InlineData("'single quotes'")]
    public async Task RaiseEvent_MalformedJson_Returns400Problem(string body)
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var id = await api.StartAsync<WaitForApprovalOrchestrator>(null, ct);

        using var response = await PostAsync(client, $"/api/v1/orchestrations/{id}/events/approval", body, ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Invalid event payload", problem.GetProperty("title").GetString());
        Assert.Contains("not valid JSON", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RaiseEvent_BlankEventName_Returns400Problem()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var id = await api.StartAsync<WaitForApprovalOrchestrator>(null, ct);

        using var response = await PostAsync(client, $"/api/v1/orchestrations/{id}/events/%20", "1", ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Invalid event name", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task RaiseEvent_UnknownInstance_Returns404Problem()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();

        using var response = await PostAsync(client, "/api/v1/orchestrations/no-such-instance/events/approval", "true", ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("no-such-instance", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RaiseEvent_FinishedInstance_Returns409Problem()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var id = await api.StartFinishedAsync(ct);

        using var response = await PostAsync(client, $"/api/v1/orchestrations/{id}/events/approval", "true", ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Completed", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Terminate_RunningInstance_TerminatesRecordingTheReason()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var id = await api.StartAsync<WaitForApprovalOrchestrator>(null, ct);

        using var response = await PostAsync(client, $"/api/v1/orchestrations/{id}/terminate", """{"reason":"nobody will approve"}""", ct);
        var done = await api.Durable.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, ct);
        var history = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/orchestrations/{id}/history", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, done.RuntimeStatus);
        var terminated = Assert.Single(history.EnumerateArray(), e => e.GetProperty("type").GetString() == "ExecutionTerminated");
        Assert.Equal("nobody will approve", terminated.GetProperty("input").GetString());
    }

    [Fact]
    public async Task Terminate_NoBody_Terminates()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var id = await api.StartAsync<WaitForApprovalOrchestrator>(null, ct);

        using var response = await PostAsync(client, $"/api/v1/orchestrations/{id}/terminate", null, ct);
        var done = await api.Durable.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, done.RuntimeStatus);
    }

    [Theory]
    [InlineData("{oops", "not valid JSON")]
    [InlineData("[1]", "not an object")]
    [InlineData("""{"reason":5}""", "'reason' must be a string")]
    [InlineData("""{"reasn":"typo"}""", "unknown property 'reasn'")]
    public async Task Terminate_BadBody_Returns400Problem(string body, string detail)
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var id = await api.StartAsync<WaitForApprovalOrchestrator>(null, ct);

        using var response = await PostAsync(client, $"/api/v1/orchestrations/{id}/terminate", body, ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Invalid request body", problem.GetProperty("title").GetString());
        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Terminate_FinishedInstance_Returns202AndLeavesItAsItIs()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var id = await api.StartFinishedAsync(ct);

        using var response = await PostAsync(client, $"/api/v1/orchestrations/{id}/terminate", null, ct);
        var instance = await api.Durable.GetInstanceAsync(id, cancellation: ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance?.RuntimeStatus);
    }

    [Fact]
    public async Task SuspendThenResume_RunningInstance_HoldsEventsUntilResumed()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var id = await api.StartAsync<WaitForApprovalOrchestrator>(null, ct);
        await api.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running, ct);

        using var suspend = await PostAsync(client, $"/api/v1/orchestrations/{id}/suspend", """{"reason":"maintenance"}""", ct);
        await api.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Suspended, ct);
        using var raise = await PostAsync(client, $"/api/v1/orchestrations/{id}/events/approval", "\"held\"", ct);
        // The event is in the history once the worker has taken it; a suspended instance keeps it there unhandled.
        await Poll.UntilAsync(
            async () => (await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/orchestrations/{id}/history", UriKind.Relative), ct))
                .EnumerateArray().Any(e => e.GetProperty("type").GetString() == "EventRaised"),
            "the raised event is in the suspended instance's history",
            ct);
        var whileSuspended = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/orchestrations/{id}", UriKind.Relative), ct);
        using var resume = await PostAsync(client, $"/api/v1/orchestrations/{id}/resume", null, ct);
        var done = await api.Durable.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, ct);

        Assert.Equal(HttpStatusCode.Accepted, suspend.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, raise.StatusCode);
        Assert.Equal("Suspended", whileSuspended.GetProperty("runtimeStatus").GetString());
        Assert.Equal(HttpStatusCode.Accepted, resume.StatusCode);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("held", done.ReadOutputAs<string>());
    }

    [Theory]
    [InlineData("suspend")]
    [InlineData("resume")]
    public async Task SuspendOrResume_FinishedInstance_Returns409Problem(string action)
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var id = await api.StartFinishedAsync(ct);

        using var response = await PostAsync(client, $"/api/v1/orchestrations/{id}/{action}", null, ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains($"Cannot {action}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("terminate")]
    [InlineData("suspend")]
    [InlineData("resume")]
    public async Task LifecycleAction_UnknownInstance_Returns404Problem(string action)
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();

        using var response = await PostAsync(client, $"/api/v1/orchestrations/no-such-instance/{action}", null, ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Orchestration instance not found", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Purge_FinishedInstance_Returns204AndTheInstanceIsGone()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var id = await api.StartFinishedAsync(ct);

        using var purge = await client.DeleteAsync(new Uri($"/api/v1/orchestrations/{id}", UriKind.Relative), ct);
        using var status = await client.GetAsync(new Uri($"/api/v1/orchestrations/{id}", UriKind.Relative), ct);
        using var history = await client.GetAsync(new Uri($"/api/v1/orchestrations/{id}/history", UriKind.Relative), ct);
        using var again = await client.DeleteAsync(new Uri($"/api/v1/orchestrations/{id}", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.NoContent, purge.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, history.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task Purge_RunningInstance_Returns409SayingTerminateFirst()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var id = await api.StartAsync<WaitForApprovalOrchestrator>(null, ct);

        using var response = await client.DeleteAsync(new Uri($"/api/v1/orchestrations/{id}", UriKind.Relative), ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Terminate it first", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.NotNull(await api.Durable.GetInstanceAsync(id, cancellation: ct));
    }

    [Theory]
    [InlineData("GET", "/api/v1/orchestrations/{0}")]
    [InlineData("GET", "/api/v1/orchestrations/{0}/history")]
    [InlineData("POST", "/api/v1/orchestrations/{0}/events/approval")]
    [InlineData("POST", "/api/v1/orchestrations/{0}/terminate")]
    [InlineData("POST", "/api/v1/orchestrations/{0}/suspend")]
    [InlineData("POST", "/api/v1/orchestrations/{0}/resume")]
    [InlineData("DELETE", "/api/v1/orchestrations/{0}")]
    public async Task AnyEndpoint_InvalidOrUnknownInstanceId_Returns404Problem(string method, string route)
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();

        foreach (var id in new[] { "missing-instance", "bad%20id", "_underscore-first", "semi;colon", new string('x', 300) })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), string.Format(System.Globalization.CultureInfo.InvariantCulture, route, id));
            using var response = await client.SendAsync(request, ct);

            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {request.RequestUri} returned {(int)response.StatusCode}.");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string? json, CancellationToken ct)
    {
        using var content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json");
        return await client.PostAsync(new Uri(url, UriKind.Relative), content, ct);
    }
}
