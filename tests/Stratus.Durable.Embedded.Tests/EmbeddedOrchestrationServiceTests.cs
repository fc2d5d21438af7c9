using System.Diagnostics;
using System.Globalization;
using DurableTask.Core;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using DurableTask.Core.Query;
using Stratus.Durable.Embedded.Tests.Orchestrations;

namespace Stratus.Durable.Embedded.Tests;

public sealed class EmbeddedOrchestrationServiceTests
{
    [Fact]
    public async Task HelloSequence_FiveActivities_CompletesWithResultsInOrder()
    {
        await using var host = await DurableTestHost.StartAsync();

        var instance = await host.StartAsync<SequenceOrchestrator>(5);
        var state = await host.WaitForCompletionAsync(instance);

        Assert.Equal(OrchestrationStatus.Completed, state.OrchestrationStatus);
        Assert.Equal(SequenceOrchestrator.ExpectedOutput(5), JsonOutput.Read<string>(state.Output));
        var history = await ReadHistoryAsync(host, instance.InstanceId);
        Assert.Equal(5, history.OfType<TaskScheduledEvent>().Count());
        Assert.Equal(5, history.OfType<TaskCompletedEvent>().Count());
        Assert.Single(history.OfType<ExecutionCompletedEvent>());
    }

    [Fact]
    public async Task FanOut_HundredParallelActivities_SumsEveryResult()
    {
        await using var host = await DurableTestHost.StartAsync();

        var instance = await host.StartAsync<FanOutOrchestrator>(100);
        var state = await host.WaitForCompletionAsync(instance);

        Assert.Equal(OrchestrationStatus.Completed, state.OrchestrationStatus);
        Assert.Equal(Enumerable.Range(1, 100).Sum() * 2, JsonOutput.Read<int>(state.Output));
    }

    [Fact]
    public async Task DurableTimer_OneAndAHalfSeconds_HeldUntilDue()
    {
        await using var host = await DurableTestHost.StartAsync();
        var stopwatch = Stopwatch.StartNew();

        var instance = await host.StartAsync<TimerOrchestrator>(1500);
        var state = await host.WaitForCompletionAsync(instance);

        Assert.Equal(OrchestrationStatus.Completed, state.OrchestrationStatus);
        var fireAt = DateTime.Parse(JsonOutput.Read<string>(state.Output), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        Assert.True(state.CompletedTime >= fireAt, $"completed at {state.CompletedTime:O}, before the timer's {fireAt:O}");
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(1400), $"timer released after {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task ExternalEvent_RaisedWhileWaiting_CompletesWithPayload()
    {
        await using var host = await DurableTestHost.StartAsync();
        var instance = await host.StartAsync<ApprovalOrchestrator>(null);
        await host.WaitForStatusAsync(instance.InstanceId, OrchestrationStatus.Running);

        await host.Client.RaiseEventAsync(instance, "approval", "yes");
        var state = await host.WaitForCompletionAsync(instance);

        Assert.Equal("approved:yes", JsonOutput.Read<string>(state.Output));
    }

    [Fact]
    public async Task ExternalEvent_RaisedBeforeOrchestratorRuns_IsDelivered()
    {
        await using var host = await DurableTestHost.StartAsync(startWorker: false);
        var instance = await host.StartAsync<ApprovalOrchestrator>(null);
        await host.Client.RaiseEventAsync(instance, "approval", "early");

        await host.StartWorkerAsync();
        var state = await host.WaitForCompletionAsync(instance);

        Assert.Equal("approved:early", JsonOutput.Read<string>(state.Output));
    }

    [Fact]
    public async Task SubOrchestration_ChildSequence_ParentReturnsChildResult()
    {
        await using var host = await DurableTestHost.StartAsync();

        var instance = await host.StartAsync<ParentOrchestrator>(3);
        var state = await host.WaitForCompletionAsync(instance);

        Assert.Equal($"parent({SequenceOrchestrator.ExpectedOutput(3)})", JsonOutput.Read<string>(state.Output));
        var child = await host.Service.GetOrchestrationStateAsync(instance.InstanceId + "-child", executionId: null!);
        Assert.Equal(OrchestrationStatus.Completed, child.OrchestrationStatus);
        Assert.Equal(instance.InstanceId, child.ParentInstance?.OrchestrationInstance.InstanceId);
    }

    [Fact]
    public async Task Terminate_WaitingInstance_BecomesTerminatedWithReason()
    {
        await using var host = await DurableTestHost.StartAsync();
        var instance = await host.StartAsync<ApprovalOrchestrator>(null);
        await host.WaitForStatusAsync(instance.InstanceId, OrchestrationStatus.Running);

        await host.Client.TerminateInstanceAsync(instance, "stop now");
        var state = await host.WaitForCompletionAsync(instance);

        Assert.Equal(OrchestrationStatus.Terminated, state.OrchestrationStatus);
        Assert.Contains("stop now", state.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SuspendResume_EventRaisedWhileSuspended_CompletesOnlyAfterResume()
    {
        await using var host = await DurableTestHost.StartAsync();
        var instance = await host.StartAsync<ApprovalOrchestrator>(null);
        await host.WaitForStatusAsync(instance.InstanceId, OrchestrationStatus.Running);

        await host.Client.SuspendInstanceAsync(instance, "hold");
        await host.WaitForStatusAsync(instance.InstanceId, OrchestrationStatus.Suspended);
        await host.Client.RaiseEventAsync(instance, "approval", "while-suspended");

        // A bounded wait, not a sleep: the instance must not finish while suspended.
        var whileSuspended = await host.Client.WaitForOrchestrationAsync(instance, TimeSpan.FromMilliseconds(700));
        Assert.Null(whileSuspended);
        Assert.Equal(OrchestrationStatus.Suspended, (await host.Service.GetOrchestrationStateAsync(instance.InstanceId, executionId: null!)).OrchestrationStatus);

        await host.Client.ResumeInstanceAsync(instance, "go");
        var state = await host.WaitForCompletionAsync(instance);

        Assert.Equal(OrchestrationStatus.Completed, state.OrchestrationStatus);
        Assert.Equal("approved:while-suspended", JsonOutput.Read<string>(state.Output));
    }

    [Fact]
    public async Task ContinueAsNew_EventsRaisedBeforeStart_CarriedOverIntoNextExecutions()
    {
        await using var host = await DurableTestHost.StartAsync(startWorker: false);
        var instance = await host.StartAsync<CounterOrchestrator>(0);
        for (var i = 0; i < CounterOrchestrator.Target; i++)
        {
            await host.Client.RaiseEventAsync(instance, "add", $"e{i}");
        }

        await host.StartWorkerAsync();
        var state = await host.WaitForCompletionAsync(instance);

        Assert.Equal(OrchestrationStatus.Completed, state.OrchestrationStatus);
        Assert.Equal(CounterOrchestrator.Target, JsonOutput.Read<int>(state.Output));
        Assert.NotEqual(instance.ExecutionId, state.OrchestrationInstance.ExecutionId);
    }

    [Fact]
    public async Task ActivityFailure_ThrowingActivity_SurfacesAsTaskFailedExceptionInOrchestrator()
    {
        await using var host = await DurableTestHost.StartAsync();

        var instance = await host.StartAsync<CatchingOrchestrator>(null);
        var state = await host.WaitForCompletionAsync(instance);

        Assert.Equal(OrchestrationStatus.Completed, state.OrchestrationStatus);
        var output = JsonOutput.Read<string>(state.Output);
        Assert.StartsWith("caught:", output, StringComparison.Ordinal);
        Assert.Contains("activity failed on x", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LargePayload_TwoMegabyteInputAndOutput_RoundTrips()
    {
        await using var host = await DurableTestHost.StartAsync();
        var payload = string.Create(2 * 1024 * 1024, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)('a' + (i % 26));
            }
        });

        var instance = await host.StartAsync<PayloadOrchestrator>(payload);
        var state = await host.WaitForCompletionAsync(instance);

        Assert.Equal(OrchestrationStatus.Completed, state.OrchestrationStatus);
        Assert.Equal(payload, JsonOutput.Read<string>(state.Input));
        Assert.Equal(payload, JsonOutput.Read<string>(state.Output));
    }

    [Fact]
    public async Task Query_StatusPrefixCreatedRangeAndPaging_ReturnsEachMatchOnce()
    {
        await using var host = await DurableTestHost.StartAsync();
        var before = DateTime.UtcNow.AddSeconds(-1);
        var done = new List<OrchestrationInstance>();
        for (var i = 0; i < 7; i++)
        {
            done.Add(await host.StartAsync<SequenceOrchestrator>(1, $"query-done-{i}"));
        }

        var waiting = await host.StartAsync<ApprovalOrchestrator>(null, "query-wait-0");
        foreach (var instance in done)
        {
            await host.WaitForCompletionAsync(instance);
        }

        await host.WaitForStatusAsync(waiting.InstanceId, OrchestrationStatus.Running);

        var pages = new List<OrchestrationQueryResult>();
        string? token = null;
        do
        {
            var page = await host.Service.GetOrchestrationWithQueryAsync(
                new OrchestrationQuery
                {
                    InstanceIdPrefix = "query-",
                    RuntimeStatus = [OrchestrationStatus.Completed],
                    CreatedTimeFrom = before,
                    CreatedTimeTo = DateTime.UtcNow.AddSeconds(1),
                    PageSize = 3,
                    ContinuationToken = token,
                    FetchInputsAndOutputs = false,
                },
                CancellationToken.None);
            pages.Add(page);
            token = page.ContinuationToken;
        }
        while (token is not null);

        Assert.Equal([3, 3, 1], pages.Select(p => p.OrchestrationState.Count));
        var ids = pages.SelectMany(p => p.OrchestrationState).Select(s => s.OrchestrationInstance.InstanceId).ToList();
        Assert.Equal(done.Select(i => i.InstanceId).Order(StringComparer.Ordinal), ids);
        Assert.All(pages.SelectMany(p => p.OrchestrationState), s => Assert.Null(s.Output));

        var running = await host.Service.GetOrchestrationWithQueryAsync(
            new OrchestrationQuery { InstanceIdPrefix = "query-", RuntimeStatus = [OrchestrationStatus.Running] }, CancellationToken.None);
        Assert.Equal("query-wait-0", Assert.Single(running.OrchestrationState).OrchestrationInstance.InstanceId);

        var future = await host.Service.GetOrchestrationWithQueryAsync(
            new OrchestrationQuery { InstanceIdPrefix = "query-", CreatedTimeFrom = DateTime.UtcNow.AddHours(1) }, CancellationToken.None);
        Assert.Empty(future.OrchestrationState);
    }

    [Fact]
    public async Task Purge_ByInstanceId_DeletesOnlyThatFinishedInstance()
    {
        await using var host = await DurableTestHost.StartAsync();
        var first = await host.StartAsync<SequenceOrchestrator>(1);
        var second = await host.StartAsync<SequenceOrchestrator>(1);
        await host.WaitForCompletionAsync(first);
        await host.WaitForCompletionAsync(second);

        var result = await host.Service.PurgeInstanceStateAsync(first.InstanceId);

        Assert.Equal(1, result.DeletedInstanceCount);
        Assert.Null(await host.Service.GetOrchestrationStateAsync(first.InstanceId, executionId: null!));
        Assert.Empty(await ReadHistoryAsync(host, first.InstanceId));
        Assert.NotNull(await host.Service.GetOrchestrationStateAsync(second.InstanceId, executionId: null!));
    }

    [Fact]
    public async Task Purge_ByFilter_DeletesFinishedMatchesAndKeepsRunningOnes()
    {
        await using var host = await DurableTestHost.StartAsync();
        var from = DateTime.UtcNow.AddSeconds(-1);
        var completed = await host.StartAsync<SequenceOrchestrator>(1);
        var terminated = await host.StartAsync<ApprovalOrchestrator>(null);
        var running = await host.StartAsync<ApprovalOrchestrator>(null);
        await host.WaitForCompletionAsync(completed);
        await host.WaitForStatusAsync(terminated.InstanceId, OrchestrationStatus.Running);
        await host.Client.TerminateInstanceAsync(terminated, "bye");
        await host.WaitForCompletionAsync(terminated);
        await host.WaitForStatusAsync(running.InstanceId, OrchestrationStatus.Running);

        var onlyTerminated = await host.Service.PurgeInstanceStateAsync(
            new PurgeInstanceFilter(from, DateTime.UtcNow.AddSeconds(1), [OrchestrationStatus.Terminated]));
        Assert.Equal(1, onlyTerminated.DeletedInstanceCount);
        Assert.Null(await host.Service.GetOrchestrationStateAsync(terminated.InstanceId, executionId: null!));

        var everything = await host.Service.PurgeInstanceStateAsync(new PurgeInstanceFilter(from, null, null));
        Assert.Equal(1, everything.DeletedInstanceCount);
        Assert.Null(await host.Service.GetOrchestrationStateAsync(completed.InstanceId, executionId: null!));
        Assert.Equal(OrchestrationStatus.Running, (await host.Service.GetOrchestrationStateAsync(running.InstanceId, executionId: null!)).OrchestrationStatus);
    }

    [Fact]
    public async Task Create_ExistingInstanceInDedupeStatus_ThrowsAlreadyExists()
    {
        await using var host = await DurableTestHost.StartAsync();
        var instance = await host.StartAsync<SequenceOrchestrator>(1);
        await host.WaitForCompletionAsync(instance);

        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() => host.Client.CreateOrchestrationInstanceAsync(
            nameof(SequenceOrchestrator), "", instance.InstanceId, 1, tags: null, dedupeStatuses: [OrchestrationStatus.Completed]));
    }

    [Fact]
    public async Task Create_NullDedupeOverRunningInstance_ThrowsAlreadyExists()
    {
        await using var host = await DurableTestHost.StartAsync();
        var instance = await host.StartAsync<ApprovalOrchestrator>(null);
        await host.WaitForStatusAsync(instance.InstanceId, OrchestrationStatus.Running);

        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() => host.StartAsync<ApprovalOrchestrator>(null, instance.InstanceId));
    }

    [Fact]
    public async Task Create_NullDedupeOverCompletedInstance_RunsNewExecution()
    {
        await using var host = await DurableTestHost.StartAsync();
        var first = await host.StartAsync<SequenceOrchestrator>(1, "recreate-me");
        await host.WaitForCompletionAsync(first);

        var second = await host.StartAsync<SequenceOrchestrator>(2, "recreate-me");
        var state = await host.WaitForCompletionAsync(second);

        Assert.Equal(second.ExecutionId, state.OrchestrationInstance.ExecutionId);
        Assert.Equal(SequenceOrchestrator.ExpectedOutput(2), JsonOutput.Read<string>(state.Output));
        var history = await ReadHistoryAsync(host, "recreate-me");
        Assert.Single(history.OfType<ExecutionStartedEvent>());
        Assert.Equal(2, history.OfType<TaskScheduledEvent>().Count());
    }

    [Fact]
    public async Task WaitForOrchestration_InstanceStillWaiting_ReturnsNullAtTimeout()
    {
        await using var host = await DurableTestHost.StartAsync();
        var instance = await host.StartAsync<ApprovalOrchestrator>(null);

        var state = await host.Client.WaitForOrchestrationAsync(instance, TimeSpan.FromMilliseconds(300));

        Assert.Null(state);
    }

    [Fact]
    public async Task Restart_ReopenSameFile_FinishesPendingInstances()
    {
        var directory = DurableTestHost.NewDirectory();
        try
        {
            var sequences = new List<OrchestrationInstance>();
            OrchestrationInstance waiting;
            await using (var first = await DurableTestHost.StartAsync(directory))
            {
                waiting = await first.StartAsync<ApprovalOrchestrator>(null);
                await first.WaitForStatusAsync(waiting.InstanceId, OrchestrationStatus.Running);
            }

            // Scheduled while no worker runs: everything sits committed in the file until the next open.
            await using (var idle = await DurableTestHost.StartAsync(directory, startWorker: false))
            {
                for (var i = 0; i < 10; i++)
                {
                    sequences.Add(await idle.StartAsync<SequenceOrchestrator>(3));
                }

                await idle.Client.RaiseEventAsync(waiting, "approval", "after-restart");
            }

            await using var reopened = await DurableTestHost.StartAsync(directory);
            foreach (var instance in sequences)
            {
                var state = await reopened.WaitForCompletionAsync(instance);
                Assert.Equal(SequenceOrchestrator.ExpectedOutput(3), JsonOutput.Read<string>(state.Output));
            }

            var approved = await reopened.WaitForCompletionAsync(waiting);
            Assert.Equal("approved:after-restart", JsonOutput.Read<string>(approved.Output));
        }
        finally
        {
            DurableTestHost.TryDelete(directory);
        }
    }

    [Fact]
    public async Task Open_SecondServiceOnSameFile_RefusedNamingThePath()
    {
        await using var host = await DurableTestHost.StartAsync(startWorker: false);
        using var second = new EmbeddedOrchestrationService(new EmbeddedOrchestrationServiceSettings { DatabasePath = host.DatabasePath });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(second.StartAsync);

        Assert.Contains(host.DatabasePath, error.Message, StringComparison.Ordinal);
    }

    private static async Task<List<HistoryEvent>> ReadHistoryAsync(DurableTestHost host, string instanceId) =>
        PayloadSerializer.Deserialize<List<HistoryEvent>>(await host.Service.GetOrchestrationHistoryAsync(instanceId, executionId: null!));
}
