using Stratus.Infra.Variables;
using Stratus.Infra.Workspaces;
using Stratus.Testing;
using Stratus.Secrets;
using Stratus.Testing.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Stratus.Infra.Tests.Variables;

public abstract class VariableResolverTests(StorageBackend backend)
{
    private readonly VariableStores _stores = VariableStores.For(backend.Account, new FakeTimeProvider());
    private readonly string _org = UniqueNames.Next("o");

    private Task<Variable> SetAsync(VariableOwner owner, string key, string? value, VariableCategory category = VariableCategory.Terraform, bool sensitive = false, bool hcl = false) =>
        _stores.Variables.CreateAsync(owner, new VariableInput(key, category, value, Sensitive: sensitive, Hcl: hcl), "alice", TestTimeout.Token());

    private async Task<Variable> ItemAsync(string collection, string key, string value, VariableCategory category = VariableCategory.Terraform) =>
        (await _stores.Collections.AddItemAsync(_org, collection, new VariableInput(key, category, value), "alice", TestTimeout.Token()))!;

    private async Task CollectionAsync(string name, int priority, params WorkspaceRef[] workspaces)
    {
        await _stores.Collections.CreateAsync(_org, name, null, priority, "alice", TestTimeout.Token());
        foreach (var workspace in workspaces)
        {
            await _stores.Collections.AddReferenceAsync(_org, name, workspace, "alice", TestTimeout.Token());
        }
    }

    [Fact]
    public async Task ResolveAsync_WorkspaceThenGlobalsThenCollectionsByDescendingPriority()
    {
        var ct = TestTimeout.Token();
        var net = _stores.AddWorkspace(_org, "net");
        var globals = VariableOwner.ForOrganization(_org);
        await SetAsync(VariableOwner.ForWorkspace(net), "region", "from-workspace");
        await SetAsync(globals, "region", "from-global");
        await SetAsync(globals, "owner", "from-global");
        await CollectionAsync("low", 1, net);
        await CollectionAsync("high", 50, net);
        await CollectionAsync("middle", 10, net);
        await ItemAsync("low", "region", "from-low");
        await ItemAsync("low", "owner", "from-low");
        await ItemAsync("low", "tier", "from-low");
        await ItemAsync("low", "only_low", "from-low");
        await ItemAsync("middle", "tier", "from-middle");
        await ItemAsync("middle", "zone", "from-middle");
        await ItemAsync("high", "zone", "from-high");

        var resolved = await _stores.Resolver.ResolveAsync(_org, "net", ct);

        Assert.Equal(
            [("only_low", "from-low"), ("owner", "from-global"), ("region", "from-workspace"), ("tier", "from-middle"), ("zone", "from-high")],
            resolved.Select(v => (v.Key, v.Value)));
    }

    [Fact]
    public async Task ResolveAsync_PriorityChange_ChangesTheWinner()
    {
        var ct = TestTimeout.Token();
        var net = _stores.AddWorkspace(_org, "net");
        await CollectionAsync("a", 1, net);
        await CollectionAsync("b", 2, net);
        await ItemAsync("a", "k", "from-a");
        await ItemAsync("b", "k", "from-b");

        var before = await _stores.Resolver.ResolveAsync(net, ct);
        await _stores.Collections.UpdateAsync(_org, "a", null, 3, null, "alice", ct);
        var after = await _stores.Resolver.ResolveAsync(net, ct);

        Assert.Equal("from-b", Assert.Single(before).Value);
        Assert.Equal("from-a", Assert.Single(after).Value);
    }

    [Fact]
    public async Task ResolveAsync_EqualPriorities_AreDecidedByCollectionName()
    {
        var ct = TestTimeout.Token();
        var net = _stores.AddWorkspace(_org, "net");
        await CollectionAsync("zulu", 5, net);
        await CollectionAsync("alpha", 5, net);
        await ItemAsync("zulu", "k", "from-zulu");
        await ItemAsync("alpha", "k", "from-alpha");

        Assert.Equal("from-alpha", Assert.Single(await _stores.Resolver.ResolveAsync(net, ct)).Value);
    }

    [Fact]
    public async Task ResolveAsync_CategoriesDoNotHideEachOther()
    {
        var ct = TestTimeout.Token();
        var net = _stores.AddWorkspace(_org, "net");
        await SetAsync(VariableOwner.ForWorkspace(net), "token", "tf-value", VariableCategory.Terraform, hcl: true);
        await SetAsync(VariableOwner.ForOrganization(_org), "token", "env-value", VariableCategory.Env);

        var resolved = await _stores.Resolver.ResolveAsync(net, ct);

        Assert.Equal(
            [new ResolvedVariable("token", "tf-value", IsEnv: false, Hcl: true, Sensitive: false), new ResolvedVariable("token", "env-value", IsEnv: true, Hcl: false, Sensitive: false, VariableOwnerKind.Organization)],
            resolved);
    }

    [Fact]
    public async Task ResolveAsync_CollectionsNotReferencingTheWorkspace_DoNotApply()
    {
        var ct = TestTimeout.Token();
        var net = _stores.AddWorkspace(_org, "net");
        var app = _stores.AddWorkspace(_org, "app");
        await CollectionAsync("for-app", 100, app);
        await ItemAsync("for-app", "k", "app-only");

        Assert.Empty(await _stores.Resolver.ResolveAsync(net, ct));
        Assert.Equal("app-only", Assert.Single(await _stores.Resolver.ResolveAsync(app, ct)).Value);
    }

    [Fact]
    public async Task ResolveAsync_Sensitive_IsDecryptedForTheRun()
    {
        var ct = TestTimeout.Token();
        var net = _stores.AddWorkspace(_org, "net");
        await SetAsync(VariableOwner.ForWorkspace(net), "TF_TOKEN", "s3cr3t", VariableCategory.Env, sensitive: true);

        var resolved = Assert.Single(await _stores.Resolver.ResolveAsync(net, ct));

        Assert.Equal(new ResolvedVariable("TF_TOKEN", "s3cr3t", IsEnv: true, Hcl: false, Sensitive: true), resolved);
    }

    [Fact]
    public async Task ResolveAsync_SensitiveWithoutValue_ListsEveryKeyAndHowToSetIt()
    {
        var ct = TestTimeout.Token();
        var net = _stores.AddWorkspace(_org, "net");
        var first = await SetAsync(VariableOwner.ForWorkspace(net), "db_password", null, sensitive: true);
        await SetAsync(VariableOwner.ForOrganization(_org), "API_KEY", null, VariableCategory.Env, sensitive: true);
        await SetAsync(VariableOwner.ForOrganization(_org), "fine", "ok");

        var ex = await Assert.ThrowsAsync<VariableResolutionException>(() => _stores.Resolver.ResolveAsync(net, ct));

        Assert.Equal(["db_password", "API_KEY"], ex.Keys);
        Assert.Contains("Sensitive variable 'db_password'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("has no value", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"PATCH /api/v1/organizations/{_org}/workspaces/net/variables/{first.Id}", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"/api/v1/organizations/{_org}/globals/", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveAsync_HiddenSensitiveWithoutValue_DoesNotMatter()
    {
        var ct = TestTimeout.Token();
        var net = _stores.AddWorkspace(_org, "net");
        await SetAsync(VariableOwner.ForWorkspace(net), "password", "set-here");
        await SetAsync(VariableOwner.ForOrganization(_org), "password", null, sensitive: true);

        Assert.Equal("set-here", Assert.Single(await _stores.Resolver.ResolveAsync(net, ct)).Value);
    }

    [Fact]
    public async Task ResolveAsync_SensitiveUnderAMissingKey_SaysSo()
    {
        var ct = TestTimeout.Token();
        var net = _stores.AddWorkspace(_org, "net");
        await SetAsync(VariableOwner.ForWorkspace(net), "password", "written-with-k1", sensitive: true);
        var otherKey = VariableStores.For(backend.Account, _stores.Clock, new SecretProtectorOptions { Key = SecretProtector.GenerateKey(), KeyId = "k2" });

        var ex = await Assert.ThrowsAsync<VariableResolutionException>(() => otherKey.Resolver.ResolveAsync(net, ct));

        Assert.Equal(["password"], ex.Keys);
        Assert.Contains("cannot be decrypted", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'k1'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveAsync_UnknownWorkspace_SaysSo()
    {
        var ct = TestTimeout.Token();

        var ex = await Assert.ThrowsAsync<VariableResolutionException>(() => _stores.Resolver.ResolveAsync(_org, "missing", ct));

        Assert.Contains("no workspace 'missing'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExplainAsync_ShowsSourcesAndWhatEachHides_WithSensitiveMasked()
    {
        var ct = TestTimeout.Token();
        var net = _stores.AddWorkspace(_org, "net");
        var own = await SetAsync(VariableOwner.ForWorkspace(net), "region", "ws", sensitive: true);
        var global = await SetAsync(VariableOwner.ForOrganization(_org), "region", "global");
        await CollectionAsync("c", 3, net);
        var item = await ItemAsync("c", "region", "collection");

        var explanation = await _stores.Resolver.ExplainAsync(net, ct);
        var explained = Assert.Single(explanation.Variables);

        Assert.Null(explained.Variable.Value);
        Assert.Equal(new VariableSource(VariableOwnerKind.Workspace, "net", own.Id), explained.Source);
        Assert.Equal(
            [new VariableSource(VariableOwnerKind.Organization, _org, global.Id), new VariableSource(VariableOwnerKind.Collection, "c", item.Id, 3)],
            explained.Overrides);
        Assert.Empty(explanation.Problems);
    }

    [Fact]
    public async Task ExplainAsync_ReportsWhatResolveWouldFailWith()
    {
        var ct = TestTimeout.Token();
        var net = _stores.AddWorkspace(_org, "net");
        await SetAsync(VariableOwner.ForWorkspace(net), "unset", null, sensitive: true);
        await SetAsync(VariableOwner.ForWorkspace(net), "other_key", "written-with-k1", sensitive: true);
        var otherKey = VariableStores.For(backend.Account, _stores.Clock, new SecretProtectorOptions { Key = SecretProtector.GenerateKey(), KeyId = "k2" });

        var explanation = await otherKey.Resolver.ExplainAsync(net, ct);
        var failure = await Assert.ThrowsAsync<VariableResolutionException>(() => otherKey.Resolver.ResolveAsync(net, ct));

        Assert.Equal(2, explanation.Problems.Count);
        Assert.All(explanation.Problems, p => Assert.Contains(p, failure.Message, StringComparison.Ordinal));
        Assert.Contains(explanation.Problems, p => p.Contains("cannot be decrypted", StringComparison.Ordinal));
        Assert.All(explanation.Variables, v => Assert.Null(v.Variable.Value));
    }
}

public sealed class EmbeddedVariableResolverTests(EmbeddedStorageBackend backend) : VariableResolverTests(backend), IClassFixture<EmbeddedStorageBackend>;

public sealed class AzuriteVariableResolverTests(AzuriteStorageBackend backend) : VariableResolverTests(backend), IClassFixture<AzuriteStorageBackend>;
