using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Stratus.Durable.Tests.Infrastructure;
using Stratus.Durable.Tests.Orchestrations;
using Stratus.Testing;

namespace Stratus.Durable.Tests;

public sealed class QueryTests
{
    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task GetAllInstancesAsync_StatusFilter_ReturnsOnlyThoseStatuses(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend);
        var completed = (await host.RunAsync(nameof(HelloSequence), null, cancellation)).InstanceId;
        var failed = (await host.RunAsync(nameof(FailUnhandled), "no", cancellation)).InstanceId;
        var running = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForever), cancellation);
        await host.WaitForCustomStatusAsync(running, "0", cancellation);

        Assert.Equal([running], await IdsAsync(host, new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Running] }, cancellation));
        Assert.Equal([completed], await IdsAsync(host, new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Completed] }, cancellation));
        Assert.Equal(
            new[] { completed, failed }.Order(StringComparer.Ordinal),
            await IdsAsync(host, new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed] }, cancellation));
        Assert.Equal(new[] { completed, failed, running }.Order(StringComparer.Ordinal), await IdsAsync(host, new OrchestrationQuery(), cancellation));
    }

    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task GetAllInstancesAsync_PrefixFilter_ReturnsOnlyMatchingIds(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend, configure: o => o.RunWorker = false);
        foreach (var id in new[] { "deploy-1", "deploy-2", "build-1", "deployment" })
        {
            await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloSequence), null, new StartOrchestrationOptions(id), cancellation);
        }

        Assert.Equal(["deploy-1", "deploy-2", "deployment"], await IdsAsync(host, new OrchestrationQuery { InstanceIdPrefix = "deploy" }, cancellation));
        Assert.Equal(["deploy-1", "deploy-2"], await IdsAsync(host, new OrchestrationQuery { InstanceIdPrefix = "deploy-" }, cancellation));
        Assert.Empty(await IdsAsync(host, new OrchestrationQuery { InstanceIdPrefix = "nothing" }, cancellation));
    }

    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task GetAllInstancesAsync_CreatedRange_ReturnsOnlyInstancesCreatedInIt(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend, configure: o => o.RunWorker = false);
        var early = await ScheduleAsync(host, "early", 2, cancellation);
        var lastEarly = (await host.Client.GetInstanceAsync(early[^1], cancellation))!.CreatedAt;

        // The clock must move past the early batch, so the two batches' creation times cannot overlap.
        await Poll.UntilAsync(() => DateTimeOffset.UtcNow > lastEarly.AddMilliseconds(50), "the clock has moved on", cancellation);
        var late = await ScheduleAsync(host, "late", 2, cancellation);
        var firstLate = (await host.Client.GetInstanceAsync(late[0], cancellation))!.CreatedAt;

        var from = firstLate.AddMilliseconds(-20);
        Assert.Equal(late, await IdsAsync(host, new OrchestrationQuery { CreatedFrom = from }, cancellation));
        Assert.Equal(early, await IdsAsync(host, new OrchestrationQuery { CreatedTo = from }, cancellation));
        Assert.Empty(await IdsAsync(host, new OrchestrationQuery { CreatedFrom = DateTimeOffset.UtcNow.AddHours(1) }, cancellation));
    }

    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task GetAllInstancesAsync_SmallPages_PagesThroughEveryMatchWithContinuationTokens(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(backend, configure: o => o.RunWorker = false);
        var ids = await ScheduleAsync(host, "paged", 5, cancellation);

        var pages = new List<IReadOnlyList<OrchestrationMetadata>>();
        string? continuation = null;
        do
        {
            var query = new OrchestrationQuery { PageSize = 2, ContinuationToken = continuation, FetchInputsAndOutputs = true };
            await foreach (var page in host.Client.GetAllInstancesAsync(query).AsPages().WithCancellation(cancellation))
            {
                pages.Add(page.Values);
                continuation = page.ContinuationToken;
                break;
            }
        }
        while (continuation is not null && pages.Count < 10);

        Assert.Null(continuation);
        Assert.All(pages, page => Assert.True(page.Count <= 2, $"a page of {page.Count}"));
        Assert.True(pages.Count(p => p.Count > 0) >= 3, $"{pages.Count} pages");
        Assert.Equal(ids, pages.SelectMany(p => p).Select(m => m.InstanceId).Order(StringComparer.Ordinal));
        Assert.All(pages.SelectMany(p => p), m => Assert.Equal(m.InstanceId, m.ReadInputAs<string>()));

        // The pageable follows the tokens by itself too.
        var all = new List<string>();
        await foreach (var metadata in host.Client.GetAllInstancesAsync(new OrchestrationQuery { PageSize = 2 }).WithCancellation(cancellation))
        {
            all.Add(metadata.InstanceId);
        }

        Assert.Equal(ids, all.Order(StringComparer.Ordinal));
    }

    /// <summary>Schedules <paramref name="count"/> instances "{prefix}-{i}" (input: the id) and returns their ids in order.</summary>
    private static async Task<IReadOnlyList<string>> ScheduleAsync(DurableHost host, string prefix, int count, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        for (var i = 1; i <= count; i++)
        {
            var id = $"{prefix}-{i}";
            ids.Add(await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloSequence), id, new StartOrchestrationOptions(id), cancellationToken));
        }

        return ids;
    }

    private static async Task<IReadOnlyList<string>> IdsAsync(DurableHost host, OrchestrationQuery query, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        await foreach (var metadata in host.Client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            ids.Add(metadata.InstanceId);
        }

        return [.. ids.Order(StringComparer.Ordinal)];
    }
}
