using Microsoft.DurableTask.Client;
using Stratus.Testing;

namespace Stratus.AzureFunctions.Tests;

/// <summary><see cref="Http.HttpFunctions"/> invoked directly, with a real <c>HttpContext</c> per invocation.</summary>
public sealed class HttpFunctionsTests(AzureFunctionsAppFixture app) : IClassFixture<AzureFunctionsAppFixture>
{
    [Fact]
    public async Task Api_CreateJob_StartsTheWorkspaceQueueThroughTheBindingsClient()
    {
        var ct = TestTimeout.Token();
        var org = await app.CreateWorkspaceAsync(ct);

        var (status, job) = await app.InvokeApiAsync(HttpMethod.Post, $"/api/v1/organizations/{org}/workspaces/main/jobs", new { template = "terraform-plan-apply-cli" }, cancellationToken: ct);

        Assert.Equal(201, status);
        Assert.Equal(1, job.GetProperty("id").GetInt32());
        var queue = await app.Durable.GetInstanceAsync($"wsq:{org}:main", getInputsAndOutputs: true, ct);
        Assert.NotNull(queue);
        Assert.Equal("WorkspaceQueueOrchestrator", queue.Name);
        Assert.Equal(OrchestrationRuntimeStatus.Pending, queue.RuntimeStatus);
        Assert.Contains(org, queue.SerializedInput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_OrchestrationsApi_ReadsThroughTheBindingsClient()
    {
        var ct = TestTimeout.Token();
        var org = await app.CreateWorkspaceAsync(ct);
        await app.ApiAsync(HttpMethod.Post, $"/api/v1/organizations/{org}/workspaces/main/jobs", new { template = "terraform-plan-apply-cli" }, ct);

        var (instanceStatus, instance) = await app.InvokeApiAsync(HttpMethod.Get, $"/api/v1/orchestrations/wsq:{org}:main", cancellationToken: ct);
        var (historyStatus, history) = await app.InvokeApiAsync(HttpMethod.Get, $"/api/v1/orchestrations/wsq:{org}:main/history", cancellationToken: ct);
        var (missingStatus, missing) = await app.InvokeApiAsync(HttpMethod.Get, "/api/v1/orchestrations/wsq:nobody:nothing/history", cancellationToken: ct);

        Assert.Equal(200, instanceStatus);
        Assert.Equal("Pending", instance.GetProperty("runtimeStatus").GetString());
        Assert.Equal(200, historyStatus);
        Assert.Equal(System.Text.Json.JsonValueKind.Array, history.ValueKind);
        Assert.Equal(404, missingStatus);
        Assert.Equal(404, missing.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Api_NoCredentials_Gets401Problem()
    {
        var (status, problem) = await app.InvokeApiAsync(HttpMethod.Get, "/api/v1/organizations", token: null, cancellationToken: TestTimeout.Token());

        Assert.Equal(401, status);
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Api_UnknownPath_Gets404ProblemFromTheSharedPipeline()
    {
        var (status, problem) = await app.InvokeApiAsync(HttpMethod.Get, "/api/v1/no-such-thing", cancellationToken: TestTimeout.Token());

        Assert.Equal(404, status);
        Assert.True(problem.TryGetProperty("requestId", out _));
    }

    [Fact]
    public async Task Health_Live_AnswersWithoutADurableClient()
    {
        var (status, _) = await app.InvokeHttpAsync((functions, request) => functions.Health(request), HttpMethod.Get, "/health/live", token: null, cancellationToken: TestTimeout.Token());

        Assert.Equal(200, status);
    }

    [Fact]
    public async Task OpenApi_Document_IsServedPublicly()
    {
        var (status, document) = await app.InvokeHttpAsync((functions, request) => functions.OpenApi(request), HttpMethod.Get, "/openapi/v1.json", token: null, cancellationToken: TestTimeout.Token());

        Assert.Equal(200, status);
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/v1/organizations", out _));
    }

    [Fact]
    public async Task Docs_Ui_IsServedPublicly()
    {
        var (status, _) = await app.InvokeHttpAsync((functions, request) => functions.Docs(request), HttpMethod.Get, "/docs/index.html", token: null, cancellationToken: TestTimeout.Token());

        Assert.Equal(200, status);
    }
}
