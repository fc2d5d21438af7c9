using Stratus.Infra.Variables;
using Stratus.Testing;
using Stratus.Testing.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Stratus.Infra.Tests.Variables;

public abstract class CollectionStoreTests(StorageBackend backend)
{
    private readonly VariableStores _stores = VariableStores.For(backend.Account, new FakeTimeProvider());
    private readonly string _org = UniqueNames.Next("o");

    [Fact]
    public async Task CreateAsync_IsReadBackListedAndASecondCreateIsAConflict()
    {
        var ct = TestTimeout.Token();

        var created = await _stores.Collections.CreateAsync(_org, "aws", "AWS credentials", 10, "alice", ct);
        await _stores.Collections.CreateAsync(_org, "azure", null, 0, "alice", ct);
        var ex = await Assert.ThrowsAsync<VariableConflictException>(() => _stores.Collections.CreateAsync(_org, "aws", null, 1, "bob", ct));

        Assert.Equal(created, await _stores.Collections.GetAsync(_org, "aws", ct));
        Assert.Equal(("aws", "AWS credentials", 10, "alice"), (created.Name, created.Description, created.Priority, created.CreatedBy));
        Assert.Equal(["aws", "azure"], (await _stores.Collections.ListAsync(_org, 10, null, ct)).Items.Select(c => c.Name));
        Assert.Contains("'aws'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Bad Name", 0, "name")]
    [InlineData("", 0, "name")]
    [InlineData("ok", CollectionStore.MaxPriority + 1, "priority")]
    [InlineData("ok", CollectionStore.MinPriority - 1, "priority")]
    public async Task CreateAsync_Invalid_IsRefusedNamingTheField(string name, int priority, string field)
    {
        var ct = TestTimeout.Token();

        var ex = await Assert.ThrowsAsync<VariableValidationException>(() => _stores.Collections.CreateAsync(_org, name, null, priority, "alice", ct));

        Assert.Equal(field, ex.Problem.Field);
    }

    [Fact]
    public async Task UpdateAsync_ChangesPriorityAndDescription_AndHonoursIfMatch()
    {
        var ct = TestTimeout.Token();
        var created = await _stores.Collections.CreateAsync(_org, "aws", "old", 1, "alice", ct);

        var updated = await _stores.Collections.UpdateAsync(_org, "aws", "", 7, created.Version, "bob", ct);

        await Assert.ThrowsAsync<StaleVersionException>(() => _stores.Collections.UpdateAsync(_org, "aws", null, 8, created.Version, "bob", ct));
        await Assert.ThrowsAsync<StaleVersionException>(() => _stores.Collections.DeleteAsync(_org, "aws", created.Version, ct));
        Assert.Equal((null, 7, "bob"), (updated!.Description, updated.Priority, updated.UpdatedBy));
        Assert.Null(await _stores.Collections.UpdateAsync(_org, "nope", null, 1, null, "bob", ct));
    }

    [Fact]
    public async Task Items_AreVariablesOfTheCollection()
    {
        var ct = TestTimeout.Token();
        await _stores.Collections.CreateAsync(_org, "aws", null, 1, "alice", ct);

        var item = await _stores.Collections.AddItemAsync(_org, "aws", new VariableInput("AWS_REGION", VariableCategory.Env, "eu-west-1"), "alice", ct);
        var page = await _stores.Collections.ListItemsAsync(_org, "aws", 10, null, ct);

        Assert.NotNull(item);
        Assert.Equal(VariableOwnerKind.Collection, item.Owner.Kind);
        Assert.Equal([item.Id], page!.Items.Select(v => v.Id));
        await Assert.ThrowsAsync<VariableConflictException>(() =>
            _stores.Collections.AddItemAsync(_org, "aws", new VariableInput("AWS_REGION", VariableCategory.Env, "x"), "alice", ct));
        Assert.Null(await _stores.Collections.AddItemAsync(_org, "nope", new VariableInput("X", VariableCategory.Env, "x"), "alice", ct));
        Assert.Null(await _stores.Collections.ListItemsAsync(_org, "nope", 10, null, ct));
    }

    [Fact]
    public async Task AddItemAsync_ConcurrentAdds_AllLand()
    {
        var ct = TestTimeout.Token();
        await _stores.Collections.CreateAsync(_org, "aws", null, 1, "alice", ct);

        await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            _stores.Collections.AddItemAsync(_org, "aws", new VariableInput($"K{i}", VariableCategory.Env, "v"), "alice", ct)));

        Assert.Equal(6, (await _stores.Collections.ListItemsAsync(_org, "aws", 50, null, ct))!.Items.Count);
    }

    [Fact]
    public async Task References_AreKeptBothWays_AndAddingTwiceKeepsOne()
    {
        var ct = TestTimeout.Token();
        var net = _stores.AddWorkspace(_org, "net");
        var app = _stores.AddWorkspace(_org, "app");
        await _stores.Collections.CreateAsync(_org, "low", null, 1, "alice", ct);
        await _stores.Collections.CreateAsync(_org, "high", null, 9, "alice", ct);
        await _stores.Collections.CreateAsync(_org, "also-high", null, 9, "alice", ct);

        await _stores.Collections.AddReferenceAsync(_org, "low", net, "alice", ct);
        await _stores.Collections.AddReferenceAsync(_org, "low", net, "bob", ct);
        await _stores.Collections.AddReferenceAsync(_org, "high", net, "alice", ct);
        await _stores.Collections.AddReferenceAsync(_org, "also-high", net, "alice", ct);
        await _stores.Collections.AddReferenceAsync(_org, "low", app, "alice", ct);

        var references = await _stores.Collections.ListReferencesAsync(_org, "low", ct);
        Assert.Equal([("app", app.Id), ("net", net.Id)], references.Select(r => (r.WorkspaceName, r.WorkspaceId)));
        Assert.Equal("alice", references[1].CreatedBy);
        Assert.Equal(["also-high", "high", "low"], (await _stores.Collections.CollectionsForAsync(net, ct)).Select(c => c.Name));
        Assert.Equal(["low"], (await _stores.Collections.CollectionsForAsync(app, ct)).Select(c => c.Name));
        Assert.Null(await _stores.Collections.AddReferenceAsync(_org, "nope", net, "alice", ct));

        Assert.True(await _stores.Collections.RemoveReferenceAsync(_org, "low", "net", ct));
        Assert.False(await _stores.Collections.RemoveReferenceAsync(_org, "low", "net", ct));
        Assert.Equal(["also-high", "high"], (await _stores.Collections.CollectionsForAsync(net, ct)).Select(c => c.Name));
    }

    [Fact]
    public async Task DeleteAsync_RemovesItemsAndReferences_AndTheNameCanBeReused()
    {
        var ct = TestTimeout.Token();
        var net = _stores.AddWorkspace(_org, "net");
        await _stores.Collections.CreateAsync(_org, "aws", null, 1, "alice", ct);
        await _stores.Collections.AddItemAsync(_org, "aws", new VariableInput("AWS_KEY", VariableCategory.Env, "secret", Sensitive: true), "alice", ct);
        await _stores.Collections.AddReferenceAsync(_org, "aws", net, "alice", ct);

        Assert.True(await _stores.Collections.DeleteAsync(_org, "aws", null, ct));
        Assert.False(await _stores.Collections.DeleteAsync(_org, "aws", null, ct));
        Assert.Empty(await _stores.RowsAsync(_org, ct));
        Assert.Empty(await _stores.Collections.CollectionsForAsync(net, ct));

        await _stores.Collections.CreateAsync(_org, "aws", null, 2, "alice", ct);
        Assert.Empty((await _stores.Collections.ListItemsAsync(_org, "aws", 10, null, ct))!.Items);
        Assert.Empty(await _stores.Collections.ListReferencesAsync(_org, "aws", ct));
    }

    [Fact]
    public async Task DeleteAsync_InterruptedHalfWay_IsHiddenAndFinishedByTheNextDelete()
    {
        var ct = TestTimeout.Token();
        await _stores.Collections.CreateAsync(_org, "aws", null, 1, "alice", ct);
        await _stores.Collections.AddItemAsync(_org, "aws", new VariableInput("K", VariableCategory.Env, "v"), "alice", ct);
        var table = _stores.Account.Tables.GetTable(VariableStore.TableName);
        var row = (await table.GetAsync(_org, "c|aws", ct))!;
        row["Deleting"] = true;
        await table.ReplaceAsync(row, row.ETag, ct);

        Assert.Null(await _stores.Collections.GetAsync(_org, "aws", ct));
        Assert.Empty((await _stores.Collections.ListAsync(_org, 10, null, ct)).Items);
        Assert.Null(await _stores.Collections.AddItemAsync(_org, "aws", new VariableInput("L", VariableCategory.Env, "v"), "alice", ct));
        Assert.True(await _stores.Collections.DeleteAsync(_org, "aws", null, ct));
        Assert.Empty(await _stores.RowsAsync(_org, ct));
    }

    [Fact]
    public async Task RemoveWorkspaceAsync_DropsEveryReferenceToIt()
    {
        var ct = TestTimeout.Token();
        var net = _stores.AddWorkspace(_org, "net");
        await _stores.Collections.CreateAsync(_org, "a", null, 1, "alice", ct);
        await _stores.Collections.CreateAsync(_org, "b", null, 1, "alice", ct);
        await _stores.Collections.AddReferenceAsync(_org, "a", net, "alice", ct);
        await _stores.Collections.AddReferenceAsync(_org, "b", net, "alice", ct);

        await _stores.Collections.RemoveWorkspaceAsync(net, ct);

        Assert.Empty(await _stores.Collections.CollectionsForAsync(net, ct));
        Assert.Empty(await _stores.Collections.ListReferencesAsync(_org, "a", ct));
        Assert.Empty(await _stores.Collections.ListReferencesAsync(_org, "b", ct));
    }
}

public sealed class EmbeddedCollectionStoreTests(EmbeddedStorageBackend backend) : CollectionStoreTests(backend), IClassFixture<EmbeddedStorageBackend>;

public sealed class AzuriteCollectionStoreTests(AzuriteStorageBackend backend) : CollectionStoreTests(backend), IClassFixture<AzuriteStorageBackend>;
