using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Stratus.Testing;

namespace Stratus.Orchestrations.Tests.Hosting;

/// <summary>
/// The Durable Task SDK's in-process test host (an in-memory backend behind a gRPC sidecar, and a real worker) with the
/// orchestrators and fake activities a test registers. Orchestrators run exactly as in production: every await is a
/// checkpoint, and each new event replays the orchestrator from its history. Every wait has a deadline.
/// </summary>
internal sealed class OrchestrationTestHost : IAsyncDisposable
{
    /// <summary>How long any one wait may take; far below the orchestrators' own timers (the queue's 5-minute re-check).</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    private readonly DurableTaskTestHost _host;

    private OrchestrationTestHost(DurableTaskTestHost host) => _host = host;

    public DurableTaskClient Client => _host.Client;

    public static async Task<OrchestrationTestHost> StartAsync(Action<DurableTaskRegistry> register)
    {
        // The sidecar listens on a port of our choosing rather than the host's random pick; a port taken between
        // choosing and binding it is chosen again.
        for (var attempt = 1; ; attempt++)
        {
            using var deadline = new CancellationTokenSource(Deadline);
            try
            {
                var host = await DurableTaskTestHost.StartAsync(register, new DurableTaskTestHostOptions { Port = FreePort.Next() }, deadline.Token);
                return new OrchestrationTestHost(host);
            }
            catch (IOException) when (attempt < 3)
            {
            }
        }
    }

    /// <summary>Starts <paramref name="orchestrator"/> as <paramref name="instanceId"/>.</summary>
    public async Task StartAsync(string orchestrator, object input, string instanceId)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        await Client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, new StartOrchestrationOptions(instanceId), deadline.Token);
    }

    /// <summary>Waits for the instance to finish and returns it with its input and output.</summary>
    public async Task<OrchestrationMetadata> WaitForCompletionAsync(string instanceId)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        try
        {
            return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, deadline.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"Orchestration '{instanceId}' did not finish within {Deadline}.");
        }
    }

    /// <summary>Starts <paramref name="orchestrator"/>, waits for it to finish, and returns its output after checking it completed.</summary>
    public async Task<string?> RunAsync(string orchestrator, object input, string instanceId)
    {
        await StartAsync(orchestrator, input, instanceId);
        var instance = await WaitForCompletionAsync(instanceId);
        Assert.True(instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"'{instanceId}' ended {instance.RuntimeStatus}: {instance.FailureDetails}");
        return instance.ReadOutputAs<string>();
    }

    /// <summary>Polls the instance until <paramref name="condition"/> holds for it, and returns it.</summary>
    public async Task<OrchestrationMetadata> WaitForInstanceAsync(string instanceId, Func<OrchestrationMetadata, bool> condition, string what)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        try
        {
            while (true)
            {
                var instance = await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, deadline.Token);
                if (instance is not null && condition(instance))
                {
                    return instance;
                }

                await Task.Delay(PollInterval, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"Timed out waiting for {what} ('{instanceId}').");
        }
    }

    public async Task RaiseEventAsync(string instanceId, string eventName, object? payload)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        await Client.RaiseEventAsync(instanceId, eventName, payload, deadline.Token);
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
