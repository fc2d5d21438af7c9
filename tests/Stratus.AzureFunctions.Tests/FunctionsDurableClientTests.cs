using System.Collections.Concurrent;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Stratus.AzureFunctions.Durable;
using Stratus.Durable;
using Stratus.Orchestrations.Jobs;
using Stratus.Testing;

namespace Stratus.AzureFunctions.Tests;

/// <summary>
/// <see cref="FunctionsDurableClient"/> over the SDK's gRPC client, talking to the in-process test host's sidecar (the
/// same protocol the Durable Functions extension serves): the answers Stratus's code branches on arrive as its own
/// exceptions. What the extension's sidecar answers in each case is not verified here (no Functions host).
/// </summary>
public sealed class FunctionsDurableClientTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, int> _nextJobCalls = new();

    private DurableTaskTestHost? _host;

    private FunctionsDurableClient? _client;

    private FunctionsDurableClient Client => _client ??= new(_host!.Client);

    public async Task InitializeAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            using var deadline = new CancellationTokenSource(Deadline);
            try
            {
                _host = await DurableTaskTestHost.StartAsync(
                    tasks =>
                    {
                        tasks.AddOrchestratorFunc<string, string>("Waits", async (context, _) => await context.WaitForExternalEvent<string>("go"));
                        tasks.AddOrchestratorFunc<WorkspaceQueueInput, string>(nameof(WorkspaceQueueOrchestrator), (context, _) => OrchestratorFunctions.WorkspaceQueue(context));
                        StandInActivities.AddNextJob(tasks, input =>
                        {
                            _nextJobCalls.AddOrUpdate(input.InstanceId, 1, (_, n) => n + 1);
                            return new NextJob(null, false, false);
                        });
                    },
                    new DurableTaskTestHostOptions { Port = FreePort.Next() },
                    deadline.Token);
                return;
            }
            catch (IOException) when (attempt < 3)
            {
                // The port was taken between choosing and binding it: choose again.
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Fact]
    public async Task JobQueue_WakeTwice_StartsTheQueueOnceThenSignalsIt()
    {
        using var deadline = new CancellationTokenSource(Deadline);
        var queue = new JobQueue(Client);
        var input = new WorkspaceQueueInput("acme", "net-" + Guid.NewGuid().ToString("N")[..8]);

        await queue.JobAddedAsync(input.Organization, input.Workspace, deadline.Token);
        await WaitForNextJobCallsAsync(input, 1, deadline.Token);
        await queue.JobAddedAsync(input.Organization, input.Workspace, deadline.Token);
        await WaitForNextJobCallsAsync(input, 2, deadline.Token);

        var instance = await Client.GetInstanceAsync(input.InstanceId, deadline.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Running, instance!.RuntimeStatus);
    }

    [Fact]
    public async Task RaiseEvent_RunningInstance_IsDelivered()
    {
        using var deadline = new CancellationTokenSource(Deadline);
        var id = "wsq:" + Guid.NewGuid().ToString("N");
        await Client.ScheduleNewOrchestrationInstanceAsync("Waits", "x", new StartOrchestrationOptions(id), deadline.Token);
        await Client.WaitForInstanceStartAsync(id, cancellation: deadline.Token);

        await Client.RaiseEventAsync(id, "go", "now", deadline.Token);
        var done = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, deadline.Token);

        Assert.Equal("now", done.ReadOutputAs<string>());
    }

    private async Task WaitForNextJobCallsAsync(WorkspaceQueueInput input, int calls, CancellationToken cancellationToken)
    {
        while (_nextJobCalls.GetValueOrDefault(input.InstanceId) < calls)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
        }
    }

    [Fact]
    public void TranslateRpc_StatusCodes_BecomeStratusExceptions()
    {
        static Exception? Of(Grpc.Core.StatusCode code) => FunctionsDurableClient.TranslateRpc(new Grpc.Core.RpcException(new Grpc.Core.Status(code, "detail")), "i-1");

        Assert.IsType<InstanceAlreadyExistsException>(Of(Grpc.Core.StatusCode.AlreadyExists));
        Assert.IsType<InstanceNotFoundException>(Of(Grpc.Core.StatusCode.NotFound));
        Assert.IsType<InstanceStateConflictException>(Of(Grpc.Core.StatusCode.FailedPrecondition));
        Assert.Null(Of(Grpc.Core.StatusCode.Unavailable));
        Assert.Contains("i-1", Of(Grpc.Core.StatusCode.NotFound)!.Message, StringComparison.Ordinal);
    }
}
