using Stratus.Apps.Apps;
using Stratus.Apps.Deploys;
using Stratus.Apps.Names;
using Stratus.Apps.Versions;
using Stratus.Storage;
using Stratus.Storage.Tables;
using Stratus.Testing;
using Stratus.Secrets;
using Stratus.Testing.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Stratus.Apps.Tests.Apps;

public abstract class AppStoreTests(StorageBackend backend)
{
    private static readonly SecretProtector Protector = new(new SecretProtectorOptions { Key = SecretProtector.GenerateKey(), KeyId = "k1" });
    private readonly FakeTimeProvider _clock = new();
    private readonly string _app = UniqueNames.Next("app");

    private AppStore Store() => new(backend.Account, Protector, _clock);

    [Fact]
    public async Task CreateAsync_NewApp_ReadsBackWithETag()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        var app = TestApps.New(_app) with { CNames = ["www.example.com"], RouterOptions = new Dictionary<string, string> { ["tls"] = "true" } };

        var created = await store.CreateAsync(app, ct);

        Assert.NotNull(created.ETag);
        var read = await store.GetAsync(_app, ct);
        Assert.NotNull(read);
        Assert.Equal("static", read.Platform);
        Assert.Equal(["tag1"], read.Tags);
        Assert.Equal(["www.example.com"], read.CNames);
        Assert.Equal("true", read.RouterOptions["tls"]);
        Assert.Equal(1, read.Processes["web"]);
        Assert.False(read.Stopped);
        Assert.Null(read.CurrentVersion);
        Assert.Equal(_clock.GetUtcNow(), read.CreatedAt);
        Assert.Equal(created.ETag, read.ETag);
        Assert.Contains(await store.ListAsync(pool: "local", teamOwner: "team-a", ct), a => a.Name == _app);
        Assert.DoesNotContain(await store.ListAsync(pool: "other", teamOwner: null, ct), a => a.Name == _app);
    }

    [Fact]
    public async Task CreateAsync_ExistingName_ThrowsConflict()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        await store.CreateAsync(TestApps.New(_app), ct);

        var ex = await Assert.ThrowsAsync<AppConflictException>(() => store.CreateAsync(TestApps.New(_app), ct));

        Assert.Equal(_app, ex.App);
    }

    [Theory]
    [InlineData("Bad_Name", "app name")]
    [InlineData("ok", "process name")]
    public async Task CreateAsync_InvalidApp_ThrowsWithProblem(string name, string expected)
    {
        var ct = TestTimeout.Token();
        var app = TestApps.New(name) with { Processes = new Dictionary<string, int> { ["web.1"] = 1 } };

        var ex = await Assert.ThrowsAsync<InvalidAppRequestException>(() => Store().CreateAsync(app, ct));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateAsync_ConcurrentChanges_AllApply()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        await store.CreateAsync(TestApps.New(_app), ct);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => store.UpdateAsync(
            _app,
            a => a with { Processes = new Dictionary<string, int>(a.Processes) { [$"p{i}"] = i } },
            ct)));

        var read = await store.GetAsync(_app, ct);
        Assert.Equal(9, read!.Processes.Count);
    }

    [Fact]
    public async Task ReplaceAsync_StaleETag_ThrowsPreconditionFailed()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        var created = await store.CreateAsync(TestApps.New(_app), ct);
        var changed = await store.ReplaceAsync(created with { Stopped = true }, ct);

        await Assert.ThrowsAsync<PreconditionFailedException>(() => store.ReplaceAsync(created with { Description = "stale" }, ct));

        Assert.NotEqual(created.ETag, changed!.ETag);
        Assert.True((await store.GetAsync(_app, ct))!.Stopped);
    }

    [Fact]
    public async Task SetEnvAsync_PrivateValue_EncryptedAtRestAndMaskedOnRead()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        await store.CreateAsync(TestApps.New(_app), ct);
        var secret = "s3cr3t-" + Guid.NewGuid().ToString("N");

        await store.SetEnvAsync(_app, [new EnvVar("DATABASE_PASSWORD", secret, Private: true), new EnvVar("LOG_LEVEL", "debug")], pruneUnused: false, ct);

        var rows = await backend.Account.Tables.GetTable(AppStore.TableName).QueryAllAsync(new TableQuery(), ct);
        Assert.DoesNotContain(rows.SelectMany(r => r).Select(p => p.Value), v => v is string s && s.Contains(secret, StringComparison.Ordinal));
        var stored = Assert.Single(rows, r => r.PartitionKey == "app|" + _app && r.RowKey == "e|DATABASE_PASSWORD");
        Assert.StartsWith("sv1:k1:", stored.GetString("Value"), StringComparison.Ordinal);
        var masked = await store.GetEnvAsync(_app, ct);
        Assert.Equal([new EnvVar("DATABASE_PASSWORD", null, true), new EnvVar("LOG_LEVEL", "debug", false)], masked.OrderBy(e => e.Name, StringComparer.Ordinal));
        var forDeploy = await store.GetEnvForDeployAsync(_app, ct);
        Assert.Contains(new EnvVar("DATABASE_PASSWORD", secret, true), forDeploy);
    }

    [Fact]
    public async Task SetEnvAsync_PruneUnused_RemovesOthersAndUnsetRemovesNamed()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        await store.CreateAsync(TestApps.New(_app), ct);
        await store.SetEnvAsync(_app, [new EnvVar("A", "1"), new EnvVar("B", "2"), new EnvVar("C", "3")], pruneUnused: false, ct);

        await store.SetEnvAsync(_app, [new EnvVar("A", "10"), new EnvVar("D", "4")], pruneUnused: true, ct);
        Assert.Equal(["A=10", "D=4"], (await store.GetEnvAsync(_app, ct)).Select(e => $"{e.Name}={e.Value}").Order(StringComparer.Ordinal));

        await store.UnsetEnvAsync(_app, ["A", "NOPE"], ct);
        Assert.Equal(["D"], (await store.GetEnvAsync(_app, ct)).Select(e => e.Name));
    }

    [Fact]
    public async Task SetEnvAsync_ReservedNameOrMissingApp_Throws()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        await store.CreateAsync(TestApps.New(_app), ct);

        await Assert.ThrowsAsync<InvalidAppRequestException>(() => store.SetEnvAsync(_app, [new EnvVar("TSURU_APPNAME", "x")], false, ct));
        await Assert.ThrowsAsync<AppNotFoundException>(() => store.SetEnvAsync(UniqueNames.Next("none"), [new EnvVar("A", "x")], false, ct));
        Assert.Empty(await store.GetEnvAsync(_app, ct));
    }

    [Fact]
    public async Task DeleteAsync_AppWithRows_RemovesAppEnvVersionsAndDeploys()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        var versions = new AppVersionStore(backend.Account, _clock);
        var deploys = new DeployStore(backend.Account, _clock);
        var other = UniqueNames.Next("app");
        await store.CreateAsync(TestApps.New(_app), ct);
        await store.CreateAsync(TestApps.New(other), ct);
        await store.SetEnvAsync(_app, [new EnvVar("A", "1"), new EnvVar("S", "x", true)], false, ct);
        await versions.AllocateAsync(_app, "alice", null, ct);
        var deploy = await deploys.CreateAsync(new Deploy("", _app, 1, null, "alice", DeployOrigins.Image, null, default, null, null, false, null), ct);
        var otherDeploy = await deploys.CreateAsync(new Deploy("", other, 1, null, "alice", DeployOrigins.Image, null, default, null, null, false, null), ct);

        Assert.True(await store.DeleteAsync(_app, ct));

        Assert.Null(await store.GetAsync(_app, ct));
        Assert.Empty(await versions.ListAsync(_app, ct));
        Assert.Null(await deploys.GetAsync(deploy.Id, ct));
        Assert.Empty(await deploys.ListAsync(_app, 0, 10, ct));
        var table = backend.Account.Tables.GetTable(AppStore.TableName);
        Assert.Empty(await table.QueryAllAsync(TableQuery.Partition("app|" + _app), ct));
        Assert.NotNull(await store.GetAsync(other, ct));
        Assert.NotNull(await deploys.GetAsync(otherDeploy.Id, ct));
        Assert.False(await store.DeleteAsync(_app, ct));
    }

    [Fact]
    public async Task DeleteAsync_ThenCreateAgain_StartsEmpty()
    {
        var ct = TestTimeout.Token();
        var store = Store();
        await store.CreateAsync(TestApps.New(_app), ct);
        await store.SetEnvAsync(_app, [new EnvVar("A", "1")], false, ct);
        await store.DeleteAsync(_app, ct);

        await store.CreateAsync(TestApps.New(_app), ct);

        Assert.Empty(await store.GetEnvAsync(_app, ct));
    }
}

public sealed class EmbeddedAppStoreTests(EmbeddedStorageBackend backend) : AppStoreTests(backend), IClassFixture<EmbeddedStorageBackend>;

public sealed class AzuriteAppStoreTests(AzuriteStorageBackend backend) : AppStoreTests(backend), IClassFixture<AzuriteStorageBackend>;
