using Stratus.Apps.Versions;
using Stratus.Testing;
using Stratus.Testing.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Stratus.Apps.Tests.Versions;

public abstract class AppVersionStoreTests(StorageBackend backend)
{
    private readonly FakeTimeProvider _clock = new();
    private readonly string _app = UniqueNames.Next("app");

    private AppVersionStore Store() => new(backend.Account, _clock);

    [Fact]
    public async Task AllocateAsync_First_IsOneAndBuilding()
    {
        var ct = TestTimeout.Token();

        var version = await Store().AllocateAsync(_app, "alice", "deploy-1", ct);

        Assert.Equal(1, version.Number);
        Assert.Equal(AppVersionStatus.Building, version.Status);
        Assert.Equal("alice", version.CreatedBy);
        Assert.Equal("deploy-1", version.DeployId);
        Assert.Equal(version.Number, (await Store().GetAsync(_app, 1, ct))?.Number);
    }

    [Fact]
    public async Task AllocateAsync_TenConcurrent_DistinctAndGapless()
    {
        var ct = TestTimeout.Token();
        var store = Store();

        var versions = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => store.AllocateAsync(_app, "alice", null, ct)));

        Assert.Equal(Enumerable.Range(1, 10), versions.Select(v => v.Number).Order());
        Assert.Equal(Enumerable.Range(1, 10).Reverse(), (await store.ListAsync(_app, ct)).Select(v => v.Number));
    }

    [Fact]
    public async Task UpdateAsync_BuiltVersion_StoresImageProcessesAndManifest()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        await store.AllocateAsync(_app, "alice", null, ct);
        _clock.Advance(TimeSpan.FromMinutes(1));

        await store.UpdateAsync(_app, 1, v => v with
        {
            Status = AppVersionStatus.Built,
            Image = "127.0.0.1:5000/stratus/app-x:v1",
            ManifestDigest = "sha256:abc",
            Processes = new Dictionary<string, string> { ["web"] = "httpd -f", ["worker"] = "sleep 1" },
            ExposedPort = 8888,
            BuildManifest = "{\"healthcheck\":{\"path\":\"/\"}}",
        }, ct);

        var read = await store.GetAsync(_app, 1, ct);
        Assert.NotNull(read);
        Assert.Equal(AppVersionStatus.Built, read.Status);
        Assert.Equal("127.0.0.1:5000/stratus/app-x:v1", read.Image);
        Assert.Equal("sha256:abc", read.ManifestDigest);
        Assert.Equal("httpd -f", read.Processes["web"]);
        Assert.Equal(8888, read.ExposedPort);
        Assert.Contains("healthcheck", read.BuildManifest, StringComparison.Ordinal);
        Assert.Equal(_clock.GetUtcNow(), read.UpdatedAt);
        Assert.Equal(_clock.GetUtcNow() - TimeSpan.FromMinutes(1), read.CreatedAt);
        Assert.Null(await store.UpdateAsync(_app, 99, v => v, ct));
    }

    [Fact]
    public async Task DisableAsync_Version_NotARollbackTargetWithReason()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        await store.AllocateAsync(_app, "alice", null, ct);
        await store.UpdateAsync(_app, 1, v => v with { Image = "img:v1", Successful = true, Status = AppVersionStatus.Deployed }, ct);
        Assert.True((await store.GetAsync(_app, 1, ct))!.CanRollbackTo);

        var disabled = await store.DisableAsync(_app, 1, true, "broken build", ct);

        Assert.True(disabled!.Disabled);
        Assert.Equal("broken build", (await store.GetAsync(_app, 1, ct))!.DisabledReason);
        Assert.False((await store.GetAsync(_app, 1, ct))!.CanRollbackTo);
        await store.DisableAsync(_app, 1, false, null, ct);
        Assert.True((await store.GetAsync(_app, 1, ct))!.CanRollbackTo);
    }

    [Fact]
    public async Task PlanPruneAsync_KeepThree_KeepsNewestCurrentAndBuilding()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        for (var i = 0; i < 8; i++)
        {
            var v = await store.AllocateAsync(_app, "alice", null, ct);
            if (v.Number != 2)
            {
                await store.UpdateAsync(_app, v.Number, x => x with { Status = AppVersionStatus.Deployed, Successful = true }, ct);
            }
        }

        var prune = await store.PlanPruneAsync(_app, keep: 3, currentVersion: 4, ct);

        Assert.Equal([8, 7, 6, 4, 2], prune.Keep.Select(v => v.Number));
        Assert.Equal([5, 3, 1], prune.Delete.Select(v => v.Number));
        Assert.Equal(prune.Keep.Select(v => v.Number), (await store.ListRetainedAsync(_app, 3, 4, ct)).Select(v => v.Number));

        Assert.Equal(3, await store.DeleteAsync(_app, prune.Delete.Select(v => v.Number), ct));
        Assert.Equal([8, 7, 6, 4, 2], (await store.ListAsync(_app, ct)).Select(v => v.Number));
        Assert.Equal(9, (await store.AllocateAsync(_app, "alice", null, ct)).Number);
    }
}

public sealed class EmbeddedAppVersionStoreTests(EmbeddedStorageBackend backend) : AppVersionStoreTests(backend), IClassFixture<EmbeddedStorageBackend>;

public sealed class AzuriteAppVersionStoreTests(AzuriteStorageBackend backend) : AppVersionStoreTests(backend), IClassFixture<AzuriteStorageBackend>;
