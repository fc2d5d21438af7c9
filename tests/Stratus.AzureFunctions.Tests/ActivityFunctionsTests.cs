using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Stratus.AzureFunctions.Durable;
using Stratus.Orchestrations.Apps;
using Stratus.Orchestrations.Jobs;
using Stratus.Testing;
using Stratus.Testing.Functions;

namespace Stratus.AzureFunctions.Tests;

/// <summary>
/// The <c>[ActivityTrigger]</c> wrappers invoked directly with their inputs, on the Azure app's own services: each
/// creates its activity from the invocation's scope and does its work on the platform's stores.
/// </summary>
public sealed class ActivityFunctionsTests(AzureFunctionsAppFixture app) : IClassFixture<AzureFunctionsAppFixture>
{
    [Fact]
    public async Task JobActivities_PendingJob_AreFoundStartedAndFinished()
    {
        var ct = TestTimeout.Token();
        var org = await app.CreateWorkspaceAsync(ct);
        await app.ApiAsync(HttpMethod.Post, $"/api/v1/organizations/{org}/workspaces/main/jobs", new { template = "terraform-plan-apply-cli" }, ct);
        var queue = new WorkspaceQueueInput(org, "main");
        var job = new JobInput(org, "main", 1);

        var next = await InvokeAsync(nameof(NextJobActivity), queue.InstanceId, context => JobActivityFunctions.NextJob(queue, context), ct);
        var start = await InvokeAsync(nameof(StartJobActivity), job.InstanceId, context => JobActivityFunctions.StartJob(job, context), ct);
        await InvokeAsync(nameof(SetStatusActivity), job.InstanceId, context => JobActivityFunctions.SetStatus(new StepStatusChange(org, "main", 1, 0, "running", "running", null), context), ct);
        var running = await app.ApiAsync(HttpMethod.Get, $"/api/v1/organizations/{org}/workspaces/main/jobs/1", cancellationToken: ct);
        await InvokeAsync(nameof(FinishJobActivity), job.InstanceId, context => JobActivityFunctions.FinishJob(new JobFinish(org, "main", 1, "completed", null), context), ct);
        var finished = await app.ApiAsync(HttpMethod.Get, $"/api/v1/organizations/{org}/workspaces/main/jobs/1", cancellationToken: ct);

        Assert.Equal(1, next.JobId);
        Assert.True(start.Run, start.Reason);
        Assert.NotEmpty(start.Steps);
        Assert.Equal("running", running.GetProperty("status").GetString());
        Assert.Equal("completed", finished.GetProperty("status").GetString());
    }

    [Fact]
    public async Task FinishAppOperation_RunningOperation_EndsItsEventAndLetsTheLockGo()
    {
        var ct = TestTimeout.Token();
        var appName = await CreateAppAsync(ct);
        var (status, accepted) = await app.InvokeApiAsync(HttpMethod.Post, $"/api/v1/apps/{appName}/env", new { envs = new[] { new { name = "A", value = "1" } } }, cancellationToken: ct);
        Assert.Equal(202, status);
        var eventId = accepted.GetProperty("eventId").GetString()!;
        var scheduled = await app.Durable.GetInstanceAsync(eventId, getInputsAndOutputs: true, ct);
        var operation = JsonSerializer.Deserialize<AppOperationInput>(scheduled!.SerializedInput!, JsonSerializerOptions.Web)!;

        await InvokeAsync(nameof(FinishAppOperationActivity), eventId, context => AppActivityFunctions.FinishAppOperation(new FinishInput(operation, AppOperationOrchestrator.Succeeded, null, null), context), ct);

        var ended = await app.ApiAsync(HttpMethod.Get, accepted.GetProperty("event").GetString()!, cancellationToken: ct);
        Assert.Equal("succeeded", ended.GetProperty("status").GetString());
        var (again, _) = await app.InvokeApiAsync(HttpMethod.Post, $"/api/v1/apps/{appName}/env", new { envs = new[] { new { name = "B", value = "2" } }, noRestart = true }, cancellationToken: ct);
        Assert.Equal(202, again);
    }

    private async Task<string> CreateAppAsync(CancellationToken cancellationToken)
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        await app.ApiAsync(HttpMethod.Post, "/api/v1/teams", new { name = $"team-{suffix}" }, cancellationToken);
        await app.ApiAsync(HttpMethod.Post, "/api/v1/pools", new
        {
            name = $"pool-{suffix}",
            provisioner = "podman",
            router = "local",
            registry = new { address = "127.0.0.1:5999", @namespace = "t", insecure = true },
        }, cancellationToken);
        await app.ApiAsync(HttpMethod.Post, "/api/v1/apps", new { name = $"app-{suffix}", teamOwner = $"team-{suffix}", pool = $"pool-{suffix}" }, cancellationToken);
        return $"app-{suffix}";
    }

    private async Task<T> InvokeAsync<T>(string activity, string instanceId, Func<FunctionContext, Task<T>> function, CancellationToken cancellationToken)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await function(new DirectFunctionContext(activity, scope.ServiceProvider, new Dictionary<string, object?> { ["instanceId"] = instanceId }, cancellationToken));
    }
}
