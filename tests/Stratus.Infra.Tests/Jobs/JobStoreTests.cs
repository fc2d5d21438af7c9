using Stratus.Infra.Jobs;
using Stratus.Storage;
using Stratus.Testing;
using Stratus.Testing.Storage;

namespace Stratus.Infra.Tests.Jobs;

/// <summary>The jobs list's paging, newest first by job number, on both table stores.</summary>
public abstract class JobStoreTests(StorageBackend backend)
{
    private readonly JobStore _jobs = new(backend.Account);
    private readonly string _org = UniqueNames.Next("o");

    [Fact]
    public async Task ListAsync_FiveJobsTwoAPage_ThreePagesNewestFirstWithNoneLostOrRepeated()
    {
        var ct = TestTimeout.Token();
        for (var i = 0; i < 5; i++)
        {
            await _jobs.CreateAsync(NewJob("ws"), [new JobStep(0, 100, "plan", "terraformPlan", StepStatus.Pending, null, null, null, null)], ct);
        }

        await _jobs.CreateAsync(NewJob("other"), [], ct);

        var pages = new List<IReadOnlyList<int>>();
        string? continuation = null;
        do
        {
            var page = await _jobs.ListAsync(_org, "ws", 2, continuation, ct);
            pages.Add(page.Items.Select(j => j.Id).ToList());
            continuation = page.ContinuationToken;
        }
        while (continuation is not null);

        Assert.Equal([[5, 4], [3, 2], [1]], pages);
        Assert.Equal([5, 4, 3, 2, 1], (await _jobs.ListAsync(_org, "ws", 50, null, ct)).Items.Select(j => j.Id));
        Assert.Equal([1], (await _jobs.ListAsync(_org, "other", 50, null, ct)).Items.Select(j => j.Id));
    }

    [Fact]
    public async Task ListAsync_NoJobs_IsOneEmptyPage()
    {
        var page = await _jobs.ListAsync(_org, "empty", 10, null, TestTimeout.Token());

        Assert.Empty(page.Items);
        Assert.Null(page.ContinuationToken);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("99999999999")]
    public async Task ListAsync_ATokenItDidNotReturn_IsAnInvalidRequest(string token) =>
        await Assert.ThrowsAsync<InvalidStorageRequestException>(() => _jobs.ListAsync(_org, "ws", 10, token, TestTimeout.Token()));

    private Job NewJob(string workspace) =>
        new(_org, workspace, 0, JobStatus.Pending, "plan", "flow: []", "Api", "test", DateTimeOffset.UnixEpoch, null, null, null, null, null, null, null, null, false, null);
}

public sealed class EmbeddedJobStoreTests(EmbeddedStorageBackend backend) : JobStoreTests(backend), IClassFixture<EmbeddedStorageBackend>;

public sealed class AzuriteJobStoreTests(AzuriteStorageBackend backend) : JobStoreTests(backend), IClassFixture<AzuriteStorageBackend>;
