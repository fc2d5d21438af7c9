using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Stratus.Infra.State;
using Stratus.Storage.Tables;
using Stratus.Testing;
using Stratus.Testing.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Stratus.Infra.Tests.State;

public abstract class StateStoreTests(StorageBackend backend)
{
    private readonly FakeTimeProvider _clock = new();
    private readonly string _organization = UniqueNames.Next("org");
    private readonly string _workspace = UniqueNames.Next("ws");

    private StateStore Store(long maxStateBytes = StateStoreOptions.DefaultMaxStateBytes) =>
        new(backend.Account, _clock, new StateStoreOptions { MaxStateBytes = maxStateBytes });

    private StateWriteRequest Write(byte[] content, string? lockId = null) =>
        new(_organization, _workspace, content, "user:alice") { LockId = lockId };

    private static StateLockInfo LockInfo(string? id = null, string who = "alice@host") =>
        new(id ?? Guid.NewGuid().ToString(), "OperationTypeApply", "", who, "1.11.4", "2026-01-01T00:00:00.123456789Z", "");

    private async Task<byte[]> ReadAsync(StateContent? content, CancellationToken cancellationToken)
    {
        Assert.NotNull(content);
        await using (content)
        {
            using var buffer = new MemoryStream();
            await content.Content.CopyToAsync(buffer, cancellationToken);
            return buffer.ToArray();
        }
    }

    [Fact]
    public async Task WriteAsync_FirstState_IsVersionOneWithTerraformsSerialLineageAndHashes()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        var lineage = TestStates.NewLineage();
        var content = TestStates.Make(1, lineage);

        var result = await store.WriteAsync(Write(content) with { ContentMd5 = Convert.ToBase64String(MD5.HashData(content)) }, ct);

        Assert.Equal(StateWriteStatus.Created, result.Status);
        var version = result.Version!;
        Assert.Equal(1, version.Number);
        Assert.Equal(1, version.Serial);
        Assert.Equal(lineage, version.Lineage);
        Assert.Equal(content.Length, version.Size);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), version.Sha256);
        Assert.Equal(Convert.ToBase64String(MD5.HashData(content)), version.Md5);
        Assert.Equal(_clock.GetUtcNow(), version.CreatedAt);
        Assert.Equal("user:alice", version.CreatedBy);
        Assert.Equal(StateSources.Backend, version.Source);
        Assert.Equal("1.11.4", version.TerraformVersion);
        Assert.Null(version.JobId);
        Assert.Equal(content, await ReadAsync(await store.OpenCurrentAsync(_organization, _workspace, ct), ct));
        Assert.Equal(version, await store.GetCurrentAsync(_organization, _workspace, ct));
        Assert.Equal(version, await store.GetVersionAsync(_organization, _workspace, 1, ct));
    }

    [Fact]
    public async Task WriteAsync_NoStateYet_ReadsAsNone()
    {
        var ct = TestTimeout.Token();
        var store = Store();

        Assert.Null(await store.GetCurrentAsync(_organization, _workspace, ct));
        Assert.Null(await store.OpenCurrentAsync(_organization, _workspace, ct));
        Assert.Null(await store.GetLockAsync(_organization, _workspace, ct));
        Assert.Empty((await store.ListVersionsAsync(_organization, _workspace, 10, null, ct)).Items);
    }

    [Fact]
    public async Task WriteAsync_SecondState_AddsAVersionAndKeepsTheFirst()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        var lineage = TestStates.NewLineage();
        var first = TestStates.Make(1, lineage, "one");
        var second = TestStates.Make(2, lineage, "two");
        await store.WriteAsync(Write(first), ct);
        _clock.Advance(TimeSpan.FromMinutes(1));

        var result = await store.WriteAsync(Write(second) with { Source = StateSources.Job, JobId = "42" }, ct);

        Assert.Equal(StateWriteStatus.Created, result.Status);
        Assert.Equal(2, result.Version!.Number);
        Assert.Equal(StateSources.Job, result.Version.Source);
        Assert.Equal("42", result.Version.JobId);
        Assert.Equal(second, await ReadAsync(await store.OpenCurrentAsync(_organization, _workspace, ct), ct));
        Assert.Equal(first, await ReadAsync(await store.OpenVersionAsync(_organization, _workspace, 1, ct), ct));
        var page = await store.ListVersionsAsync(_organization, _workspace, 10, null, ct);
        Assert.Equal([2L, 1L], page.Items.Select(v => v.Number));
        Assert.Null(page.NextVersion);
    }

    [Fact]
    public async Task WriteAsync_SameContentAgain_IsUnchangedAndAddsNoVersion()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        var content = TestStates.Make(1, TestStates.NewLineage());
        await store.WriteAsync(Write(content), ct);

        var again = await store.WriteAsync(Write(content), ct);

        Assert.Equal(StateWriteStatus.Unchanged, again.Status);
        Assert.Equal(1, again.Version!.Number);
        Assert.Single((await store.ListVersionsAsync(_organization, _workspace, 10, null, ct)).Items);
    }

    [Theory]
    [InlineData("", "not valid JSON")]
    [InlineData("[1, 2]", "JSON object")]
    [InlineData("{\"version\": 4, \"serial\": 1", "not valid JSON")]
    [InlineData("{\"version\": 4, \"lineage\": \"x\"}", "\"serial\"")]
    [InlineData("{\"version\": 4, \"serial\": -1, \"lineage\": \"x\"}", "\"serial\"")]
    [InlineData("{\"version\": 4, \"serial\": 1.5, \"lineage\": \"x\"}", "\"serial\"")]
    [InlineData("{\"version\": 4, \"serial\": 1, \"lineage\": 7}", "\"lineage\"")]
    [InlineData("{\"serial\": 1, \"lineage\": \"x\"}", "\"version\"")]
    [InlineData("{\"version\": 4, \"serial\": 1, \"serial\": 2, \"lineage\": \"x\"}", "twice")]
    [InlineData("{\"version\": 4, \"serial\": 1, \"lineage\": \"x\"} {}", "not valid JSON")]
    public async Task WriteAsync_NotATerraformState_IsInvalidAndStoresNothing(string body, string expected)
    {
        var ct = TestTimeout.Token();
        var store = Store();

        var result = await store.WriteAsync(Write(Encoding.UTF8.GetBytes(body)), ct);

        Assert.Equal(StateWriteStatus.Invalid, result.Status);
        Assert.Contains(expected, result.Problem, StringComparison.Ordinal);
        Assert.Null(await store.GetCurrentAsync(_organization, _workspace, ct));
    }

    [Fact]
    public async Task WriteAsync_WrongContentMd5_IsInvalid()
    {
        var ct = TestTimeout.Token();
        var store = Store();

        var result = await store.WriteAsync(Write(TestStates.Make(1, TestStates.NewLineage())) with { ContentMd5 = Convert.ToBase64String(new byte[16]) }, ct);

        Assert.Equal(StateWriteStatus.Invalid, result.Status);
        Assert.Contains("Content-MD5", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_OverTheLimit_IsTooLarge()
    {
        var ct = TestTimeout.Token();
        var content = TestStates.Make(1, TestStates.NewLineage());
        var store = Store(maxStateBytes: content.Length - 1);

        var result = await store.WriteAsync(Write(content), ct);

        Assert.Equal(StateWriteStatus.TooLarge, result.Status);
        Assert.Null(await store.GetCurrentAsync(_organization, _workspace, ct));
    }

    [Fact]
    public async Task WriteAsync_TenConcurrentWriters_GetTenDistinctConsecutiveVersionsEachWithItsOwnContent()
    {
        var ct = TestTimeout.Token(120);
        var lineage = TestStates.NewLineage();
        var contents = Enumerable.Range(1, 10).Select(i => TestStates.Make(i, lineage, $"writer{i}")).ToList();
        using var start = new ManualResetEventSlim();

        // A store per writer, as separate instances would have. Forced: this is about the commit race, and unforced, a
        // writer whose lower serial loses the race is a conflict (WriteAsync_ConcurrentWritersOfOneLineage_…).
        var writes = contents.Select(c => Task.Run(async () =>
        {
            start.Wait(ct);
            return await Store().WriteAsync(Write(c) with { Force = true }, ct);
        }, ct)).ToList();
        start.Set();
        var results = await Task.WhenAll(writes);

        Assert.All(results, r => Assert.Equal(StateWriteStatus.Created, r.Status));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), results.Select(r => r.Version!.Number).Order());
        var store = Store();
        var page = await store.ListVersionsAsync(_organization, _workspace, 100, null, ct);
        Assert.Equal(Enumerable.Range(1, 10).Reverse().Select(i => (long)i), page.Items.Select(v => v.Number));
        foreach (var version in page.Items)
        {
            var stored = await ReadAsync(await store.OpenVersionAsync(_organization, _workspace, version.Number, ct), ct);
            Assert.Equal(version.Sha256, Convert.ToHexStringLower(SHA256.HashData(stored)));
            Assert.Equal(version.Serial, JsonDocument.Parse(stored).RootElement.GetProperty("serial").GetInt64());
        }

        Assert.Equal(10, (await store.GetCurrentAsync(_organization, _workspace, ct))!.Number);
        var blobs = await backend.Account.Blobs.GetContainer(StateStore.ContainerName).ListAsync($"{_organization}/{_workspace}/", cancellationToken: ct);
        Assert.Equal(10, blobs.Items.Count);
    }

    [Fact]
    public async Task WriteAsync_ConcurrentWritersOfOneLineage_EachIsCreatedOrAConflictAndSerialsOnlyGoUp()
    {
        var ct = TestTimeout.Token(120);
        var lineage = TestStates.NewLineage();
        using var start = new ManualResetEventSlim();

        var writes = Enumerable.Range(1, 8).Select(i => Task.Run(async () =>
        {
            start.Wait(ct);
            return await Store().WriteAsync(Write(TestStates.Make(i, lineage, $"writer{i}")), ct);
        }, ct)).ToList();
        start.Set();
        var results = await Task.WhenAll(writes);

        Assert.All(results, r => Assert.Contains(r.Status, new[] { StateWriteStatus.Created, StateWriteStatus.Conflict }));
        var page = await Store().ListVersionsAsync(_organization, _workspace, 100, null, ct);
        var serials = page.Items.Reverse().Select(v => v.Serial).ToList();
        Assert.Equal(results.Count(r => r.Status == StateWriteStatus.Created), serials.Count);
        Assert.Equal(serials.Order(), serials);
        Assert.Equal(serials.Count, serials.Distinct().Count());
    }

    [Fact]
    public async Task WriteAsync_OtherLineage_IsAConflictThatSaysWhyAndStoresNothing()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        var lineage = TestStates.NewLineage();
        await store.WriteAsync(Write(TestStates.Make(4, lineage)), ct);

        var result = await store.WriteAsync(Write(TestStates.Make(9, TestStates.NewLineage())), ct);

        Assert.Equal(StateWriteStatus.Conflict, result.Status);
        Assert.Contains("lineage", result.Problem, StringComparison.Ordinal);
        Assert.Contains(lineage, result.Problem, StringComparison.Ordinal);
        Assert.Contains("?force=true", result.Problem, StringComparison.Ordinal);
        Assert.Equal(1, result.Version!.Number);
        Assert.Single((await store.ListVersionsAsync(_organization, _workspace, 10, null, ct)).Items);
        var blobs = await backend.Account.Blobs.GetContainer(StateStore.ContainerName).ListAsync($"{_organization}/{_workspace}/", cancellationToken: ct);
        Assert.Single(blobs.Items);
    }

    [Fact]
    public async Task WriteAsync_LowerSerial_IsAConflictThatSaysWhy()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        var lineage = TestStates.NewLineage();
        await store.WriteAsync(Write(TestStates.Make(5, lineage)), ct);

        var result = await store.WriteAsync(Write(TestStates.Make(4, lineage, "older")), ct);

        Assert.Equal(StateWriteStatus.Conflict, result.Status);
        Assert.Contains("serial 4 is lower than the current state's 5", result.Problem, StringComparison.Ordinal);
        Assert.Equal(5, (await store.GetCurrentAsync(_organization, _workspace, ct))!.Serial);
    }

    [Fact]
    public async Task WriteAsync_SameSerialOtherContent_IsAConflictButTheSameContentIsUnchanged()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        var lineage = TestStates.NewLineage();
        var first = TestStates.Make(5, lineage, "one");
        await store.WriteAsync(Write(first), ct);

        var diverged = await store.WriteAsync(Write(TestStates.Make(5, lineage, "two")), ct);
        var again = await store.WriteAsync(Write(first), ct);

        Assert.Equal(StateWriteStatus.Conflict, diverged.Status);
        Assert.Contains("content differs", diverged.Problem, StringComparison.Ordinal);
        Assert.Equal(StateWriteStatus.Unchanged, again.Status);
        Assert.Equal(1, again.Version!.Number);
    }

    [Fact]
    public async Task WriteAsync_ForcedOtherLineageOrLowerSerial_IsCreated()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        await store.WriteAsync(Write(TestStates.Make(5, TestStates.NewLineage())), ct);
        var other = TestStates.NewLineage();

        var replaced = await store.WriteAsync(Write(TestStates.Make(1, other)) with { Force = true }, ct);
        var lower = await store.WriteAsync(Write(TestStates.Make(0, other, "older")) with { Force = true }, ct);

        Assert.Equal(StateWriteStatus.Created, replaced.Status);
        Assert.Equal(other, replaced.Version!.Lineage);
        Assert.Equal(StateWriteStatus.Created, lower.Status);
        Assert.Equal(0, (await store.GetCurrentAsync(_organization, _workspace, ct))!.Serial);
    }

    [Fact]
    public async Task WriteAsync_AfterDelete_AnyLineageStartsAgain()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        await store.WriteAsync(Write(TestStates.Make(5, TestStates.NewLineage())), ct);
        await store.DeleteAsync(_organization, _workspace, null, purge: false, ct);

        var fresh = await store.WriteAsync(Write(TestStates.Make(1, TestStates.NewLineage())), ct);

        Assert.Equal(StateWriteStatus.Created, fresh.Status);
        Assert.Equal(2, fresh.Version!.Number);
    }

    [Fact]
    public async Task LockAsync_ManyConcurrentLockers_ExactlyOneWinsAndTheOthersSeeIt()
    {
        var ct = TestTimeout.Token(120);
        var infos = Enumerable.Range(0, 12).Select(i => LockInfo(who: $"user{i}@host")).ToList();
        using var start = new ManualResetEventSlim();

        var attempts = infos.Select(info => Task.Run(async () =>
        {
            start.Wait(ct);
            return await Store().LockAsync(_organization, _workspace, info, "user:alice", ct);
        }, ct)).ToList();
        start.Set();
        var results = await Task.WhenAll(attempts);

        var winner = Assert.Single(results, r => r.Acquired);
        Assert.All(results, r => Assert.Equal(winner.Lock.Id, r.Lock.Id));
        var held = await Store().GetLockAsync(_organization, _workspace, ct);
        Assert.Equal(winner.Lock.Info, held!.Info);
        Assert.Equal(_clock.GetUtcNow(), held.LockedAt);
    }

    [Fact]
    public async Task LockAsync_SameIdAgain_IsStillHeldAndAnotherIdIsRefused()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        var info = LockInfo();
        await store.LockAsync(_organization, _workspace, info, "user:alice", ct);

        var again = await store.LockAsync(_organization, _workspace, info, "user:alice", ct);
        var other = await store.LockAsync(_organization, _workspace, LockInfo(), "user:bob", ct);

        Assert.True(again.Acquired);
        Assert.False(other.Acquired);
        Assert.Equal(info, other.Lock.Info);
        Assert.Equal("user:alice", other.Lock.LockedBy);
    }

    [Fact]
    public async Task WriteAsync_WhileLocked_OnlyTheHoldersIdWrites()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        var lineage = TestStates.NewLineage();
        var info = LockInfo();
        await store.LockAsync(_organization, _workspace, info, "user:alice", ct);

        var anonymous = await store.WriteAsync(Write(TestStates.Make(1, lineage)), ct);
        var wrongId = await store.WriteAsync(Write(TestStates.Make(1, lineage), lockId: Guid.NewGuid().ToString()), ct);
        var holder = await store.WriteAsync(Write(TestStates.Make(1, lineage), lockId: info.Id), ct);

        Assert.Equal(StateWriteStatus.Locked, anonymous.Status);
        Assert.Equal(info.Id, anonymous.Lock!.Id);
        Assert.Equal(StateWriteStatus.Locked, wrongId.Status);
        Assert.Equal(StateWriteStatus.Created, holder.Status);
        Assert.Equal(1, holder.Version!.Number);
    }

    [Fact]
    public async Task WriteAsync_LockIdButNoLock_IsRefusedAsNotHeld()
    {
        var ct = TestTimeout.Token();
        var store = Store();

        var result = await store.WriteAsync(Write(TestStates.Make(1, TestStates.NewLineage()), lockId: Guid.NewGuid().ToString()), ct);

        Assert.Equal(StateWriteStatus.LockNotHeld, result.Status);
        Assert.Null(await store.GetCurrentAsync(_organization, _workspace, ct));
    }

    [Fact]
    public async Task UnlockAsync_WrongIdRightIdAndUnlocked_AnswerAsTerraformExpects()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        var info = LockInfo();
        await store.LockAsync(_organization, _workspace, info, "user:alice", ct);

        var wrong = await store.UnlockAsync(_organization, _workspace, Guid.NewGuid().ToString(), ct);
        var right = await store.UnlockAsync(_organization, _workspace, info.Id, ct);
        var again = await store.UnlockAsync(_organization, _workspace, info.Id, ct);
        var relock = await store.LockAsync(_organization, _workspace, LockInfo(), "user:bob", ct);

        Assert.Equal(StateUnlockStatus.HeldByOther, wrong.Status);
        Assert.Equal(info.Id, wrong.Lock!.Id);
        Assert.Equal(StateUnlockStatus.Unlocked, right.Status);
        Assert.Equal(StateUnlockStatus.NotLocked, again.Status);
        Assert.True(relock.Acquired);
    }

    [Fact]
    public async Task ForceUnlockAsync_HeldLock_IsReleasedAndReturned()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        var info = LockInfo();
        await store.LockAsync(_organization, _workspace, info, "user:alice", ct);

        var forced = await store.ForceUnlockAsync(_organization, _workspace, ct);
        var again = await store.ForceUnlockAsync(_organization, _workspace, ct);

        Assert.Equal(StateUnlockStatus.Unlocked, forced.Status);
        Assert.Equal(info, forced.Lock!.Info);
        Assert.Equal(StateUnlockStatus.NotLocked, again.Status);
        Assert.Null(await store.GetLockAsync(_organization, _workspace, ct));
        Assert.Equal(StateWriteStatus.Created, (await store.WriteAsync(Write(TestStates.Make(1, TestStates.NewLineage())), ct)).Status);
    }

    [Fact]
    public async Task WriteAsync_ForceUnlockedWhileHolderWorks_HoldersLateWriteIsRefused()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        var info = LockInfo();
        await store.LockAsync(_organization, _workspace, info, "user:alice", ct);
        await store.ForceUnlockAsync(_organization, _workspace, ct);

        var late = await store.WriteAsync(Write(TestStates.Make(1, TestStates.NewLineage()), lockId: info.Id), ct);

        Assert.Equal(StateWriteStatus.LockNotHeld, late.Status);
    }

    [Fact]
    public async Task RollbackAsync_ToAnEarlierVersion_WritesItsContentAsANewVersionWithAHigherSerial()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        var lineage = TestStates.NewLineage();
        var first = TestStates.Make(3, lineage, "one");
        await store.WriteAsync(Write(first), ct);
        await store.WriteAsync(Write(TestStates.Make(7, lineage, "two")), ct);
        _clock.Advance(TimeSpan.FromHours(1));

        var result = await store.RollbackAsync(_organization, _workspace, 1, "user:ops", lockId: null, ct);

        Assert.Equal(StateWriteStatus.Created, result.Status);
        var version = result.Version!;
        Assert.Equal(3, version.Number);
        Assert.Equal(8, version.Serial);
        Assert.Equal(lineage, version.Lineage);
        Assert.Equal(StateSources.Rollback, version.Source);
        Assert.Equal(1, version.RolledBackFrom);
        Assert.Equal("user:ops", version.CreatedBy);
        Assert.Equal(_clock.GetUtcNow(), version.CreatedAt);
        var restored = await ReadAsync(await store.OpenCurrentAsync(_organization, _workspace, ct), ct);
        Assert.Equal(Encoding.UTF8.GetString(first).Replace("\"serial\": 3,", "\"serial\": 8,", StringComparison.Ordinal), Encoding.UTF8.GetString(restored));
        Assert.Equal(99, JsonDocument.Parse(restored).RootElement.GetProperty("resources")[0].GetProperty("instances")[0].GetProperty("attributes").GetProperty("serial").GetInt32());
    }

    [Fact]
    public async Task RollbackAsync_MissingVersion_IsNotFound()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        await store.WriteAsync(Write(TestStates.Make(1, TestStates.NewLineage())), ct);

        Assert.Equal(StateWriteStatus.VersionNotFound, (await store.RollbackAsync(_organization, _workspace, 5, "user:ops", null, ct)).Status);
        Assert.Equal(StateWriteStatus.VersionNotFound, (await store.RollbackAsync(_organization, _workspace, 0, "user:ops", null, ct)).Status);
    }

    [Fact]
    public async Task RollbackAsync_WhileSomeoneElseHoldsTheLock_IsRefusedButTheHolderMay()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        var lineage = TestStates.NewLineage();
        await store.WriteAsync(Write(TestStates.Make(1, lineage, "one")), ct);
        await store.WriteAsync(Write(TestStates.Make(2, lineage, "two")), ct);
        var info = LockInfo();
        await store.LockAsync(_organization, _workspace, info, "user:alice", ct);

        var refused = await store.RollbackAsync(_organization, _workspace, 1, "user:ops", null, ct);
        var holder = await store.RollbackAsync(_organization, _workspace, 1, "user:alice", info.Id, ct);

        Assert.Equal(StateWriteStatus.Locked, refused.Status);
        Assert.Equal(info.Id, refused.Lock!.Id);
        Assert.Equal(StateWriteStatus.Created, holder.Status);
        Assert.Equal(3, holder.Version!.Number);
    }

    [Fact]
    public async Task DeleteAsync_KeepsHistory_NumbersGoOnAndARollbackRestores()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        var lineage = TestStates.NewLineage();
        var first = TestStates.Make(1, lineage);
        await store.WriteAsync(Write(first), ct);

        var deleted = await store.DeleteAsync(_organization, _workspace, null, purge: false, ct);
        var again = await store.DeleteAsync(_organization, _workspace, null, purge: false, ct);

        Assert.Equal(StateDeleteStatus.Deleted, deleted.Status);
        Assert.Equal(1, deleted.Version!.Number);
        Assert.Equal(StateDeleteStatus.NoState, again.Status);
        Assert.Null(await store.GetCurrentAsync(_organization, _workspace, ct));
        Assert.Null(await store.OpenCurrentAsync(_organization, _workspace, ct));
        Assert.NotNull(await store.GetVersionAsync(_organization, _workspace, 1, ct));

        var restored = await store.RollbackAsync(_organization, _workspace, 1, "user:ops", null, ct);
        Assert.Equal(2, restored.Version!.Number);
        Assert.Equal(2, restored.Version.Serial);

        await store.DeleteAsync(_organization, _workspace, null, purge: false, ct);
        var written = await store.WriteAsync(Write(first), ct);
        Assert.Equal(StateWriteStatus.Created, written.Status);
        Assert.Equal(3, written.Version!.Number);
    }

    [Fact]
    public async Task DeleteAsync_WhileLocked_IsRefusedUnlessTheHoldersId()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        await store.WriteAsync(Write(TestStates.Make(1, TestStates.NewLineage())), ct);
        var info = LockInfo();
        await store.LockAsync(_organization, _workspace, info, "user:alice", ct);

        var refused = await store.DeleteAsync(_organization, _workspace, null, purge: true, ct);
        var holder = await store.DeleteAsync(_organization, _workspace, info.Id, purge: false, ct);

        Assert.Equal(StateDeleteStatus.Locked, refused.Status);
        Assert.Equal(StateDeleteStatus.Deleted, holder.Status);
    }

    [Fact]
    public async Task DeleteAsync_Purge_RemovesEverythingAndNumbersStartOver()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        var lineage = TestStates.NewLineage();
        await store.WriteAsync(Write(TestStates.Make(1, lineage, "one")), ct);
        await store.WriteAsync(Write(TestStates.Make(2, lineage, "two")), ct);
        await store.LockAsync(_organization, _workspace, LockInfo(), "user:alice", ct);
        await store.ForceUnlockAsync(_organization, _workspace, ct);

        var purged = await store.DeleteAsync(_organization, _workspace, null, purge: true, ct);

        Assert.Equal(StateDeleteStatus.Deleted, purged.Status);
        Assert.True(purged.Purged);
        Assert.Equal(2, purged.Version!.Number);
        Assert.Empty((await store.ListVersionsAsync(_organization, _workspace, 10, null, ct)).Items);
        var rows = await backend.Account.Tables.GetTable(StateStore.TableName).QueryAllAsync(TableQuery.Partition($"{_organization}|{_workspace}"), ct);
        Assert.Empty(rows);
        var blobs = await backend.Account.Blobs.GetContainer(StateStore.ContainerName).ListAsync($"{_organization}/{_workspace}/", cancellationToken: ct);
        Assert.Empty(blobs.Items);
        Assert.Equal(StateDeleteStatus.NoState, (await store.DeleteAsync(_organization, _workspace, null, purge: true, ct)).Status);
        Assert.Equal(1, (await store.WriteAsync(Write(TestStates.Make(3, lineage)), ct)).Version!.Number);
    }

    [Fact]
    public async Task PurgeAsync_OneWorkspace_LeavesASimilarlyNamedOneAlone()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        var neighbour = _workspace + "x";
        await store.WriteAsync(Write(TestStates.Make(1, TestStates.NewLineage())), ct);
        await store.WriteAsync(new StateWriteRequest(_organization, neighbour, TestStates.Make(1, TestStates.NewLineage()), "user:alice"), ct);

        Assert.True(await store.PurgeAsync(_organization, _workspace, ct));

        Assert.Null(await store.GetCurrentAsync(_organization, _workspace, ct));
        Assert.NotNull(await store.OpenCurrentAsync(_organization, neighbour, ct));
    }

    [Fact]
    public async Task ListVersionsAsync_Paged_WalksNewestFirstWithoutGapsOrRepeats()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        var lineage = TestStates.NewLineage();
        for (var i = 1; i <= 7; i++)
        {
            await store.WriteAsync(Write(TestStates.Make(i, lineage, $"v{i}")), ct);
        }

        var seen = new List<long>();
        long? from = null;
        var pages = 0;
        do
        {
            var page = await store.ListVersionsAsync(_organization, _workspace, 3, from, ct);
            Assert.True(page.Items.Count <= 3);
            seen.AddRange(page.Items.Select(v => v.Number));
            from = page.NextVersion;
            pages++;
        }
        while (from is not null);

        Assert.Equal([7L, 6, 5, 4, 3, 2, 1], seen);
        Assert.Equal(3, pages);
        Assert.Equal([4L, 3], (await store.ListVersionsAsync(_organization, _workspace, 2, 4, ct)).Items.Select(v => v.Number));
        Assert.Empty((await store.ListVersionsAsync(_organization, _workspace, 2, 0, ct)).Items);
    }
}

public sealed class EmbeddedStateStoreTests(EmbeddedStorageBackend backend) : StateStoreTests(backend), IClassFixture<EmbeddedStorageBackend>;

public sealed class AzuriteStateStoreTests(AzuriteStorageBackend backend) : StateStoreTests(backend), IClassFixture<AzuriteStorageBackend>;
