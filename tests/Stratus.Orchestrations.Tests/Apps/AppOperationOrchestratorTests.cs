using Stratus.Orchestrations.Apps;
using Stratus.Orchestrations.Tests.Hosting;

namespace Stratus.Orchestrations.Tests.Apps;

/// <summary>
/// The real <see cref="AppOperationOrchestrator"/> on the SDK's in-process backend with fake activities. Whatever
/// happens, <see cref="FinishAppOperationActivity"/> is the last call, once, with the operation's outcome.
/// </summary>
public sealed class AppOperationOrchestratorTests
{
    private static readonly AppOperationInput Deploy = new(
        "web", "evt-deploy", AppOperationKinds.Deploy, "alice@example.com", "api", "ship it", new DeploySource(DeploySource.Archive, Blob: "uploads/web.tar.gz"), Version: null);

    private static readonly AppOperationInput Restart = new("web", "evt-restart", AppOperationKinds.Restart, "alice@example.com", "api", null, Source: null, Version: null);

    private readonly AppActivityFakes _fakes = new();

    [Fact]
    public async Task RunAsync_Deploy_BuildsRollsOutRoutesThenFinishes()
    {
        _fakes.Build = _ => new BuildOutcome(Succeeded: true, Canceled: false, Version: 7, Error: null);

        var status = await RunAsync(Deploy);

        Assert.Equal(AppOperationOrchestrator.Succeeded, status);
        Assert.Equal([nameof(BuildAppActivity), nameof(RolloutAppActivity), nameof(RouteAppActivity), nameof(FinishAppOperationActivity)], _fakes.Log.Names());
        Assert.Equal(Deploy, Assert.Single(_fakes.Log.Inputs<AppOperationInput>(nameof(BuildAppActivity))));
        Assert.Equal(RolloutOf(Deploy, 7), Assert.Single(_fakes.Log.Inputs<RolloutInput>(nameof(RolloutAppActivity))));
        Assert.Equal(RolloutOf(Deploy, 7), Assert.Single(_fakes.Log.Inputs<RolloutInput>(nameof(RouteAppActivity))));
        Assert.Equal(new FinishInput(Deploy, AppOperationOrchestrator.Succeeded, 7, null), Finished());
        Assert.All(_fakes.Log.Calls, call => Assert.Equal(Deploy.EventId, call.InstanceId));
    }

    [Fact]
    public async Task RunAsync_BuildFails_SkipsRolloutAndFinishesFailed()
    {
        _fakes.Build = _ => new BuildOutcome(Succeeded: false, Canceled: false, Version: null, Error: "npm install exited 1");

        var status = await RunAsync(Deploy);

        Assert.Equal(AppOperationOrchestrator.Failed, status);
        Assert.Equal([nameof(BuildAppActivity), nameof(FinishAppOperationActivity)], _fakes.Log.Names());
        Assert.Equal(new FinishInput(Deploy, AppOperationOrchestrator.Failed, null, "npm install exited 1"), Finished());
    }

    [Fact]
    public async Task RunAsync_BuildCanceled_FinishesCanceled()
    {
        _fakes.Build = _ => new BuildOutcome(Succeeded: false, Canceled: true, Version: null, Error: "The deploy was canceled.");

        var status = await RunAsync(Deploy);

        Assert.Equal(AppOperationOrchestrator.Canceled, status);
        Assert.Equal([nameof(BuildAppActivity), nameof(FinishAppOperationActivity)], _fakes.Log.Names());
        Assert.Equal(new FinishInput(Deploy, AppOperationOrchestrator.Canceled, null, "The deploy was canceled."), Finished());
    }

    [Fact]
    public async Task RunAsync_RolloutFails_FinishesFailedWithoutRouting()
    {
        _fakes.Build = _ => new BuildOutcome(Succeeded: true, Canceled: false, Version: 7, Error: null);
        _fakes.Rollout = _ => new RolloutOutcome(Succeeded: false, Version: 6, Error: "Process web crashed; version 6 restored.");

        var status = await RunAsync(Deploy);

        Assert.Equal(AppOperationOrchestrator.Failed, status);
        Assert.Equal([nameof(BuildAppActivity), nameof(RolloutAppActivity), nameof(FinishAppOperationActivity)], _fakes.Log.Names());
        Assert.Equal(new FinishInput(Deploy, AppOperationOrchestrator.Failed, 7, "Process web crashed; version 6 restored."), Finished());
    }

    [Fact]
    public async Task RunAsync_Restart_RollsOutTheServingVersionWithoutBuilding()
    {
        _fakes.Rollout = _ => new RolloutOutcome(Succeeded: true, Version: 3, Error: null);

        var status = await RunAsync(Restart);

        Assert.Equal(AppOperationOrchestrator.Succeeded, status);
        Assert.Equal([nameof(RolloutAppActivity), nameof(RouteAppActivity), nameof(FinishAppOperationActivity)], _fakes.Log.Names());
        Assert.Equal(RolloutOf(Restart, null), Assert.Single(_fakes.Log.Inputs<RolloutInput>(nameof(RolloutAppActivity))));
        Assert.Equal(RolloutOf(Restart, 3), Assert.Single(_fakes.Log.Inputs<RolloutInput>(nameof(RouteAppActivity))));
        Assert.Equal(new FinishInput(Restart, AppOperationOrchestrator.Succeeded, 3, null), Finished());
    }

    [Fact]
    public async Task RunAsync_Rollback_RollsOutTheRequestedVersionWithoutBuilding()
    {
        var rollback = Restart with { EventId = "evt-rollback", Kind = AppOperationKinds.Rollback, Version = 2 };

        var status = await RunAsync(rollback);

        Assert.Equal(AppOperationOrchestrator.Succeeded, status);
        Assert.Equal([nameof(RolloutAppActivity), nameof(RouteAppActivity), nameof(FinishAppOperationActivity)], _fakes.Log.Names());
        Assert.Equal(RolloutOf(rollback, 2), Assert.Single(_fakes.Log.Inputs<RolloutInput>(nameof(RolloutAppActivity))));
        Assert.Equal(new FinishInput(rollback, AppOperationOrchestrator.Succeeded, 2, null), Finished());
    }

    [Fact]
    public async Task RunAsync_NothingServingAfterRollout_SucceedsWithoutRouting()
    {
        var envSet = Restart with { EventId = "evt-env", Kind = AppOperationKinds.EnvSet };
        _fakes.Rollout = _ => new RolloutOutcome(Succeeded: true, Version: null, Error: null);

        var status = await RunAsync(envSet);

        Assert.Equal(AppOperationOrchestrator.Succeeded, status);
        Assert.Equal([nameof(RolloutAppActivity), nameof(FinishAppOperationActivity)], _fakes.Log.Names());
        Assert.Equal(new FinishInput(envSet, AppOperationOrchestrator.Succeeded, null, null), Finished());
    }

    [Fact]
    public async Task RunAsync_BuildThrows_FinishesFailedWithTheMessage()
    {
        _fakes.Build = _ => throw new InvalidOperationException("The registry is unreachable.");

        var status = await RunAsync(Deploy);

        Assert.Equal(AppOperationOrchestrator.Failed, status);
        Assert.Equal([nameof(BuildAppActivity), nameof(FinishAppOperationActivity)], _fakes.Log.Names());
        Assert.Equal(new FinishInput(Deploy, AppOperationOrchestrator.Failed, null, "The registry is unreachable."), Finished());
    }

    [Fact]
    public async Task RunAsync_RolloutThrows_FinishesFailedWithTheMessage()
    {
        _fakes.Rollout = _ => throw new InvalidOperationException("The cluster is unreachable.");

        var status = await RunAsync(Restart);

        Assert.Equal(AppOperationOrchestrator.Failed, status);
        Assert.Equal([nameof(RolloutAppActivity), nameof(FinishAppOperationActivity)], _fakes.Log.Names());
        Assert.Equal(new FinishInput(Restart, AppOperationOrchestrator.Failed, null, "The cluster is unreachable."), Finished());
    }

    [Fact]
    public async Task RunAsync_RolloutThrowsAfterABuild_FinishesFailedWithTheBuiltVersion()
    {
        _fakes.Rollout = _ => throw new InvalidOperationException("The cluster is unreachable.");

        _fakes.Build = _ => new BuildOutcome(Succeeded: true, Canceled: false, Version: 7, Error: null);

        var status = await RunAsync(Deploy);

        Assert.Equal(AppOperationOrchestrator.Failed, status);
        Assert.Equal(new FinishInput(Deploy, AppOperationOrchestrator.Failed, 7, "The cluster is unreachable."), Finished());
    }

    private static RolloutInput RolloutOf(AppOperationInput operation, int? version) => new(operation.App, operation.EventId, operation.Kind, version);

    private FinishInput Finished() => Assert.Single(_fakes.Log.Inputs<FinishInput>(nameof(FinishAppOperationActivity)));

    private async Task<string?> RunAsync(AppOperationInput operation)
    {
        await using var host = await OrchestrationTestHost.StartAsync(tasks =>
        {
            tasks.AddOrchestrator<AppOperationOrchestrator>();
            _fakes.Register(tasks);
        });
        return await host.RunAsync(nameof(AppOperationOrchestrator), operation, operation.EventId);
    }
}
