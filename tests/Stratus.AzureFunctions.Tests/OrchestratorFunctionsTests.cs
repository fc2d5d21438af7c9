using System.Collections.Concurrent;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Stratus.AzureFunctions.Durable;
using Stratus.Orchestrations.Apps;
using Stratus.Orchestrations.Jobs;
using Stratus.Testing;

namespace Stratus.AzureFunctions.Tests;

/// <summary>
/// The <c>[OrchestrationTrigger]</c> wrappers, registered under their function names on the Durable Task SDK's
/// in-process backend (a real worker that replays them), with stand-in activities. Each wrapper must run its class with
/// the instance's input: the orchestrators' own behaviour is covered in Stratus.Orchestrations.Tests.
/// </summary>
public sealed class OrchestratorFunctionsTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly ConcurrentQueue<(string Activity, object? Input)> _calls = new();

    [Fact]
    public async Task AppOperation_Deploy_RunsTheOrchestratorThroughItsActivities()
    {
        var input = new AppOperationInput("web", "evt-1", AppOperationKinds.Deploy, "alice@example.com", "api", null, new DeploySource(DeploySource.Archive, Blob: "uploads/web.tar.gz"), Version: null);

        var instance = await RunAsync(nameof(AppOperationOrchestrator), input, "evt-1");

        Assert.True(instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{instance.RuntimeStatus}: {instance.FailureDetails}");
        Assert.Equal(AppOperationOrchestrator.Succeeded, instance.ReadOutputAs<string>());
        Assert.Equal([nameof(BuildAppActivity), nameof(RolloutAppActivity), nameof(RouteAppActivity), nameof(FinishAppOperationActivity)], _calls.Select(c => c.Activity));
        Assert.Equal(input, _calls.First().Input);
    }

    [Fact]
    public async Task Job_NotRunnable_EndsWithTheStatusStartJobGave()
    {
        var input = new JobInput("acme", "net", 4);

        var instance = await RunAsync(nameof(JobOrchestrator), input, input.InstanceId);

        Assert.Equal("cancelled", instance.ReadOutputAs<string>());
        Assert.Equal((nameof(StartJobActivity), (object?)input), Assert.Single(_calls));
    }

    [Fact]
    public async Task WorkspaceQueue_WorkspaceGone_Ends()
    {
        var input = new WorkspaceQueueInput("acme", "net");

        var instance = await RunAsync(nameof(WorkspaceQueueOrchestrator), input, input.InstanceId);

        Assert.Equal("workspace gone", instance.ReadOutputAs<string>());
        Assert.Equal((nameof(NextJobActivity), (object?)input), Assert.Single(_calls));
    }

    [Fact]
    public async Task Job_StartedWithoutInput_FailsNamingWhatIsMissing()
    {
        var instance = await RunAsync(nameof(JobOrchestrator), input: null, "job:no-input");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, instance.RuntimeStatus);
        Assert.Contains("without its JobInput input", instance.FailureDetails?.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(_calls);
    }

    private async Task<OrchestrationMetadata> RunAsync(string orchestrator, object? input, string instanceId)
    {
        await using var host = await StartHostAsync();
        using var deadline = new CancellationTokenSource(Deadline);
        await host.Client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, new StartOrchestrationOptions(instanceId), deadline.Token);
        return await host.Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, deadline.Token);
    }

    private async Task<DurableTaskTestHost> StartHostAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            using var deadline = new CancellationTokenSource(Deadline);
            try
            {
                return await DurableTaskTestHost.StartAsync(Register, new DurableTaskTestHostOptions { Port = FreePort.Next() }, deadline.Token);
            }
            catch (IOException) when (attempt < 3)
            {
                // The port was taken between choosing and binding it: choose again.
            }
        }
    }

    private void Register(DurableTaskRegistry tasks)
    {
        // Registered with their input types: Durable Functions' GetInput<T> hands the wrapper the typed input, and
        // this backend's shim only does when it knows the type. The wrappers ignore the parameter and read the context.
        tasks.AddOrchestratorFunc<WorkspaceQueueInput, string>(nameof(WorkspaceQueueOrchestrator), (context, _) => OrchestratorFunctions.WorkspaceQueue(context));
        tasks.AddOrchestratorFunc<JobInput, string>(nameof(JobOrchestrator), (context, _) => OrchestratorFunctions.Job(context));
        tasks.AddOrchestratorFunc<AppOperationInput, string>(nameof(AppOperationOrchestrator), (context, _) => OrchestratorFunctions.AppOperation(context));

        StandInActivities.AddNextJob(tasks, input => Record(nameof(NextJobActivity), input, new NextJob(null, false, WorkspaceGone: true)));
        tasks.AddActivityFunc<JobInput, JobStart>(nameof(StartJobActivity), (_, input) => Record(nameof(StartJobActivity), input, new JobStart(false, "cancelled", "cancelled before it started", [], TimeSpan.Zero)));
        tasks.AddActivityFunc<AppOperationInput, BuildOutcome>(nameof(BuildAppActivity), (_, input) => Record(nameof(BuildAppActivity), input, new BuildOutcome(Succeeded: true, Canceled: false, Version: 7, Error: null)));
        tasks.AddActivityFunc<RolloutInput, RolloutOutcome>(nameof(RolloutAppActivity), (_, input) => Record(nameof(RolloutAppActivity), input, new RolloutOutcome(Succeeded: true, 7, Error: null)));
        tasks.AddActivityFunc<RolloutInput, bool>(nameof(RouteAppActivity), (_, input) => Record(nameof(RouteAppActivity), input, true));
        tasks.AddActivityFunc<FinishInput, bool>(nameof(FinishAppOperationActivity), (_, input) => Record(nameof(FinishAppOperationActivity), input, true));
    }

    private T Record<T>(string activity, object? input, T output)
    {
        _calls.Enqueue((activity, input));
        return output;
    }
}
