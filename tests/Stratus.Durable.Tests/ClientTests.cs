using Stratus.Durable.Client;
using Stratus.Durable.Tests.Infrastructure;
using Stratus.Durable.Tests.Orchestrations;
using Stratus.Testing;

namespace Stratus.Durable.Tests;

public sealed class ClientTests
{
    public static TheoryData<StorageKind> Storage => [StorageKind.Embedded, StorageKind.Azurite];

    [Theory]
    [MemberData(nameof(Storage))]
    public async Task ScheduleNewOrchestrationInstanceAsync_IdAlreadyRunning_ThrowsClearError(StorageKind storage)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(storage);
        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForever), null, new StartOrchestrationOptions("deploy-42"), cancellation);

        var duplicate = await Assert.ThrowsAsync<InstanceAlreadyExistsException>(
            () => host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloSequence), null, new StartOrchestrationOptions("deploy-42"), cancellation));

        Assert.Contains("'deploy-42' already exists", duplicate.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Storage))]
    public async Task ScheduleNewOrchestrationInstanceAsync_ConcurrentSameId_ExactlyOneStarts(StorageKind storage)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(storage);

        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            try
            {
                await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForever), null, new StartOrchestrationOptions("only-one"), cancellation);
                return true;
            }
            catch (InstanceAlreadyExistsException)
            {
                return false;
            }
        }));

        Assert.Equal(1, attempts.Count(started => started));
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_UnknownOrchestrator_ThrowsNamingRegisteredOnes()
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(StorageKind.Embedded);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => host.Client.ScheduleNewOrchestrationInstanceAsync("Nope", cancellationToken: cancellation));

        Assert.Contains("No orchestrator named 'Nope'", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(HelloSequence), error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("slash/in/id")]
    [InlineData("-leading-dash")]
    public async Task ScheduleNewOrchestrationInstanceAsync_InvalidId_Throws(string instanceId)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(StorageKind.Embedded);

        await Assert.ThrowsAsync<ArgumentException>(
            () => host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloSequence), null, new StartOrchestrationOptions(instanceId), cancellation));
    }

    [Fact]
    public async Task RaiseEventAsync_UnknownInstance_ThrowsNotFound()
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(StorageKind.Embedded);

        await Assert.ThrowsAsync<InstanceNotFoundException>(() => host.Client.RaiseEventAsync("ghost", "ping", null, cancellation));
        await Assert.ThrowsAsync<InstanceNotFoundException>(() => host.Client.TerminateInstanceAsync("ghost", null, cancellation));
        Assert.Null(await host.Client.GetInstanceAsync("ghost", cancellationToken: cancellation));
    }

    [Theory]
    [MemberData(nameof(Storage))]
    public async Task QueryInstancesAsync_ByStatusNameAndCreatedTime_PagesThroughMatches(StorageKind storage)
    {
        var cancellation = TestTimeout.Token();
        await using var host = await DurableHost.StartAsync(storage);
        var from = DateTimeOffset.UtcNow.AddSeconds(-1);
        var completed = new HashSet<string>();
        for (var i = 0; i < 5; i++)
        {
            completed.Add((await host.RunAsync(nameof(HelloSequence), null, cancellation)).InstanceId);
        }

        var waiting = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForever), cancellationToken: cancellation);
        await ExternalEventTests.WaitForCustomStatusAsync(host, waiting, "0", cancellation);

        var found = new List<OrchestrationMetadata>();
        var query = new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Completed], Name = nameof(HelloSequence), CreatedFrom = from, PageSize = 2 };
        do
        {
            var page = await host.Client.QueryInstancesAsync(query, cancellation);
            Assert.True(page.Instances.Count <= 2);
            found.AddRange(page.Instances);
            query = query with { ContinuationToken = page.ContinuationToken };
        }
        while (query.ContinuationToken is not null);

        Assert.Equal(completed, found.Select(i => i.InstanceId).ToHashSet());
        var running = await host.Client.QueryInstancesAsync(new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Running] }, cancellation);
        Assert.Equal([waiting], running.Instances.Select(i => i.InstanceId));
        var future = await host.Client.QueryInstancesAsync(new OrchestrationQuery { CreatedFrom = DateTimeOffset.UtcNow.AddHours(1) }, cancellation);
        Assert.Empty(future.Instances);
    }
}
