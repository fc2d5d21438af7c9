using Microsoft.Extensions.Time.Testing;
using Stratus.Apps.Apps;
using Stratus.Apps.Jobs;
using Stratus.Apps.Names;
using Stratus.Secrets;
using Stratus.Storage.Tables;
using Stratus.Testing;
using Stratus.Testing.Storage;

namespace Stratus.Apps.Tests.Jobs;

public abstract class AppJobStoreTests(StorageBackend backend)
{
    private static readonly SecretProtector Protector = new(new SecretProtectorOptions { Key = SecretProtector.GenerateKey(), KeyId = "k1" });

    // Far from the real clock and from other tests' due times: the due query sees the whole table.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2091, 3, 4, 5, 6, 7, TimeSpan.Zero));
    private readonly string _job = UniqueNames.Next("job");

    private AppJobStore Store() => new(backend.Account, Protector, _clock);

    [Fact]
    public async Task CreateAsync_ScheduledJob_ReadsBackWithItsNextDueTime()
    {
        var ct = TestTimeout.Token();
        var created = await Store().CreateAsync(TestJobs.Scheduled(_job) with { BackoffLimit = 2, ConcurrencyPolicy = AppJobConcurrency.Forbid }, ct);

        var read = await Store().GetAsync(_job, ct);

        Assert.NotNull(read);
        Assert.Equal(created.ETag, read.ETag);
        Assert.Equal(new DateTimeOffset(2091, 3, 5, 3, 0, 0, TimeSpan.Zero), read.NextDueAt);
        Assert.Equal(["sh", "-c", "echo hi"], read.Container.Command);
        Assert.Equal(2, read.BackoffLimit);
        Assert.Equal(AppJobConcurrency.Forbid, read.ConcurrencyPolicy);
        Assert.Equal(AppJob.DefaultActiveDeadlineSeconds, read.ActiveDeadlineSeconds);
        await Assert.ThrowsAsync<AppJobConflictException>(() => Store().CreateAsync(TestJobs.Manual(_job), ct));
    }

    [Fact]
    public async Task CreateAsync_InvalidCron_ThrowsNamingTheScheduleAndWritesNothing()
    {
        var ct = TestTimeout.Token();

        var error = await Assert.ThrowsAsync<InvalidAppRequestException>(() => Store().CreateAsync(TestJobs.Scheduled(_job, "0 0 3 * * ?"), ct));

        Assert.Contains("'schedule'", error.Message, StringComparison.Ordinal);
        Assert.Null(await Store().GetAsync(_job, ct));
    }

    [Fact]
    public async Task DueAsync_FakeClockPastTheFiring_ListsTheJobUntilAdvanced()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        var job = await store.CreateAsync(TestJobs.Scheduled(_job, "*/10 * * * *"), ct);
        var due = job.NextDueAt!.Value;
        Assert.DoesNotContain(await store.DueAsync(due.AddSeconds(-1), 100, ct), j => j.Name == _job);

        _clock.SetUtcNow(due.AddMinutes(25));
        Assert.Contains(await store.DueAsync(_clock.GetUtcNow(), 100, ct), j => j.Name == _job);
        var advanced = await store.AdvanceAsync(_job, due, _clock.GetUtcNow(), ct);

        // Two firings were missed while "no timer ran": they are not made up, the next is after now.
        Assert.Equal(due.AddMinutes(30), advanced!.NextDueAt);
        Assert.DoesNotContain(await store.DueAsync(_clock.GetUtcNow(), 100, ct), j => j.Name == _job);
        var again = await store.AdvanceAsync(_job, due, _clock.GetUtcNow().AddHours(1), ct);
        Assert.Equal(due.AddMinutes(30), again!.NextDueAt);
    }

    [Fact]
    public async Task UpdateAsync_ToManual_ClearsTheNextDueTime()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        await store.CreateAsync(TestJobs.Scheduled(_job), ct);

        var manual = await store.UpdateAsync(_job, j => j with { Manual = true, Schedule = null }, ct);

        Assert.NotNull(manual);
        Assert.Null(manual.NextDueAt);
        Assert.DoesNotContain(await store.DueAsync(_clock.GetUtcNow().AddYears(1), 100, ct), j => j.Name == _job);
        await Assert.ThrowsAsync<InvalidAppRequestException>(() => store.UpdateAsync(_job, j => j with { Manual = false }, ct));
    }

    [Fact]
    public async Task SetEnvAsync_PrivateValue_IsStoredEncryptedAndMaskedOnRead()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        await store.CreateAsync(TestJobs.Manual(_job), ct);

        await store.SetEnvAsync(_job, [new EnvVar("TOKEN", "s3cret-value", Private: true), new EnvVar("LEVEL", "debug")], pruneUnused: false, ct);

        var shown = await store.GetEnvAsync(_job, ct);
        Assert.Null(Assert.Single(shown, e => e.Name == "TOKEN").Value);
        Assert.Equal("debug", Assert.Single(shown, e => e.Name == "LEVEL").Value);
        Assert.Equal("s3cret-value", Assert.Single(await store.GetEnvForRunAsync(_job, ct), e => e.Name == "TOKEN").Value);
        var raw = await backend.Account.Tables.GetTable(AppJobStore.TableName).QueryAllAsync(TableQuery.Partition("job|" + _job), ct);
        Assert.DoesNotContain(raw, r => r.GetString("Value")?.Contains("s3cret", StringComparison.Ordinal) == true);
        await Assert.ThrowsAsync<AppJobNotFoundException>(() => store.GetEnvAsync("no-such-job", ct));
    }

    [Fact]
    public async Task RunStore_SameScheduledRunTwice_InsertsOnceAndListsNewestFirst()
    {
        var ct = TestTimeout.Token();
        await Store().CreateAsync(TestJobs.Scheduled(_job), ct);
        var runs = new AppJobRunStore(backend.Account);
        var due = new DateTimeOffset(2091, 3, 5, 3, 0, 0, TimeSpan.Zero);
        AppJobRun Scheduled(DateTimeOffset at) => new(_job, AppJobKeys.ScheduledRunId(_job, at), AppJobRunTriggers.Schedule, at, AppJobRunStatus.Pending, "schedule", at);

        var results = await Task.WhenAll(runs.CreateAsync(Scheduled(due), ct), runs.CreateAsync(Scheduled(due), ct));
        await runs.CreateAsync(Scheduled(due.AddDays(1)), ct);
        await runs.UpdateAsync(_job, Scheduled(due).Id, r => r with { Status = AppJobRunStatus.Failed, ExitCode = 3 }, ct);

        Assert.Single(results, r => r is not null);
        var listed = (await runs.ListAsync(_job, 10, null, ct)).Items;
        Assert.Equal([due.AddDays(1), due], listed.Select(r => r.DueAt!.Value));
        Assert.Equal(3, listed[1].ExitCode);
        Assert.Equal(due.AddDays(1), Assert.Single(await runs.ActiveAsync(_job, ct)).DueAt);
        Assert.True(await Store().DeleteAsync(_job, ct));
        Assert.Empty((await runs.ListAsync(_job, 10, null, ct)).Items);
    }
}

public sealed class EmbeddedAppJobStoreTests(EmbeddedStorageBackend backend) : AppJobStoreTests(backend), IClassFixture<EmbeddedStorageBackend>;

public sealed class AzuriteAppJobStoreTests(AzuriteStorageBackend backend) : AppJobStoreTests(backend), IClassFixture<AzuriteStorageBackend>;
