using Stratus.Infra.Variables;
using Stratus.Testing;
using Stratus.Secrets;
using Stratus.Testing.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Stratus.Infra.Tests.Variables;

public abstract class VariableStoreTests(StorageBackend backend)
{
    private readonly VariableStores _stores = VariableStores.For(backend.Account, new FakeTimeProvider());
    private readonly string _org = UniqueNames.Next("o");

    private VariableOwner Workspace(string name = "net") => VariableOwner.ForWorkspace(_stores.AddWorkspace(_org, name));

    [Fact]
    public async Task CreateAsync_PlainVariable_IsReadBackAndListed()
    {
        var ct = TestTimeout.Token();
        var owner = Workspace();

        var created = await _stores.Variables.CreateAsync(owner, new VariableInput("region", VariableCategory.Terraform, "westeurope", "Where", Hcl: false), "alice", ct);
        var read = await _stores.Variables.GetAsync(owner, created.Id, ct);
        var listed = await _stores.Variables.ListAllAsync(owner, ct);

        Assert.NotNull(read);
        Assert.Equal(created, read);
        Assert.Equal("westeurope", read.Value);
        Assert.True(read.HasValue);
        Assert.Equal("Where", read.Description);
        Assert.Equal("alice", read.CreatedBy);
        Assert.Equal(_stores.Clock.GetUtcNow(), read.CreatedAt);
        Assert.False(string.IsNullOrEmpty(read.Version));
        Assert.Equal([created.Id], listed.Select(v => v.Id));
    }

    [Fact]
    public async Task CreateAsync_EmptyValue_IsKeptAsEmpty()
    {
        var ct = TestTimeout.Token();
        var owner = Workspace();

        var created = await _stores.Variables.CreateAsync(owner, new VariableInput("empty", VariableCategory.Env, ""), "alice", ct);

        var read = await _stores.Variables.GetAsync(owner, created.Id, ct);
        Assert.Equal("", read!.Value);
        Assert.True(read.HasValue);
    }

    [Fact]
    public async Task CreateAsync_SameKeyTwice_IsAConflict_ButOtherCategoryOrOwnerIsFine()
    {
        var ct = TestTimeout.Token();
        var owner = Workspace();
        await _stores.Variables.CreateAsync(owner, new VariableInput("token", VariableCategory.Terraform, "a"), "alice", ct);

        var ex = await Assert.ThrowsAsync<VariableConflictException>(() =>
            _stores.Variables.CreateAsync(owner, new VariableInput("token", VariableCategory.Terraform, "b"), "alice", ct));
        await _stores.Variables.CreateAsync(owner, new VariableInput("token", VariableCategory.Env, "c"), "alice", ct);
        await _stores.Variables.CreateAsync(VariableOwner.ForOrganization(_org), new VariableInput("token", VariableCategory.Terraform, "d"), "alice", ct);
        await _stores.Variables.CreateAsync(Workspace("other"), new VariableInput("token", VariableCategory.Terraform, "e"), "alice", ct);

        Assert.Contains("'token'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(["c", "a"], (await _stores.Variables.ListAllAsync(owner, ct)).Select(v => v.Value));
    }

    [Fact]
    public async Task CreateAsync_Sensitive_StoresOnlyCiphertext_AndNeverHandsTheValueOut()
    {
        var ct = TestTimeout.Token();
        var owner = Workspace();
        const string Secret = "hunter2-very-secret-value";

        var created = await _stores.Variables.CreateAsync(owner, new VariableInput("db_password", VariableCategory.Terraform, Secret, Sensitive: true), "alice", ct);
        var read = await _stores.Variables.GetAsync(owner, created.Id, ct);
        var rows = await _stores.RowsAsync(_org, ct);

        Assert.Null(created.Value);
        Assert.Null(read!.Value);
        Assert.True(read.HasValue);
        Assert.True(read.Sensitive);
        var data = Assert.Single(rows, r => r.GetString("Id") == created.Id);
        Assert.Null(data.GetString("Value"));
        Assert.StartsWith("sv1:k1:", data.GetString("Secret"), StringComparison.Ordinal);
        Assert.All(rows, row => Assert.All(row, property => Assert.DoesNotContain(Secret, property.Value as string ?? "", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task CreateAsync_SensitiveWithoutValue_HasNoValue()
    {
        var ct = TestTimeout.Token();
        var owner = Workspace();

        var created = await _stores.Variables.CreateAsync(owner, new VariableInput("later", VariableCategory.Env, null, Sensitive: true), "alice", ct);

        Assert.False(created.HasValue);
        Assert.False((await _stores.Variables.GetAsync(owner, created.Id, ct))!.HasValue);
    }

    [Theory]
    [InlineData("", "key")]
    [InlineData("9lives", "key")]
    [InlineData("has space", "key")]
    public async Task CreateAsync_InvalidKey_IsRefusedNamingTheField(string key, string field)
    {
        var ct = TestTimeout.Token();

        var ex = await Assert.ThrowsAsync<VariableValidationException>(() =>
            _stores.Variables.CreateAsync(Workspace(), new VariableInput(key, VariableCategory.Terraform, "x"), "alice", ct));

        Assert.Equal(field, ex.Problem.Field);
    }

    [Fact]
    public async Task CreateAsync_RuleBreaches_AreRefusedBeforeAnythingIsWritten()
    {
        var ct = TestTimeout.Token();
        var owner = Workspace();

        var dash = await Assert.ThrowsAsync<VariableValidationException>(() => _stores.Variables.CreateAsync(owner, new VariableInput("my-var", VariableCategory.Env, "x"), "a", ct));
        var hcl = await Assert.ThrowsAsync<VariableValidationException>(() => _stores.Variables.CreateAsync(owner, new VariableInput("x", VariableCategory.Env, "x", Hcl: true), "a", ct));
        var big = await Assert.ThrowsAsync<VariableValidationException>(() =>
            _stores.Variables.CreateAsync(owner, new VariableInput("x", VariableCategory.Terraform, new string('é', (VariableRules.MaxValueBytes / 2) + 1)), "a", ct));
        var missing = await Assert.ThrowsAsync<VariableValidationException>(() => _stores.Variables.CreateAsync(owner, new VariableInput("x", VariableCategory.Terraform, null), "a", ct));
        var description = await Assert.ThrowsAsync<VariableValidationException>(() =>
            _stores.Variables.CreateAsync(owner, new VariableInput("x", VariableCategory.Terraform, "v", new string('d', VariableRules.MaxDescriptionLength + 1)), "a", ct));
        await _stores.Variables.CreateAsync(owner, new VariableInput("my-var", VariableCategory.Terraform, "x", Hcl: true), "a", ct);

        Assert.Equal("key", dash.Problem.Field);
        Assert.Equal("hcl", hcl.Problem.Field);
        Assert.Equal("value", big.Problem.Field);
        Assert.Equal("value", missing.Problem.Field);
        Assert.Equal("description", description.Problem.Field);
        Assert.Single(await _stores.Variables.ListAllAsync(owner, ct));
    }

    [Fact]
    public async Task UpdateAsync_Rename_MovesTheVariableAndKeepsItsId()
    {
        var ct = TestTimeout.Token();
        var owner = Workspace();
        var created = await _stores.Variables.CreateAsync(owner, new VariableInput("old_name", VariableCategory.Terraform, "v"), "alice", ct);
        _stores.Clock.Advance(TimeSpan.FromMinutes(1));

        var updated = await _stores.Variables.UpdateAsync(owner, created.Id, new VariablePatch(Key: "new_name", Category: VariableCategory.Env), null, "bob", ct);
        var again = await _stores.Variables.CreateAsync(owner, new VariableInput("old_name", VariableCategory.Terraform, "reused"), "alice", ct);

        Assert.NotNull(updated);
        Assert.Equal(created.Id, updated.Id);
        Assert.Equal(("new_name", VariableCategory.Env, "v"), (updated.Key, updated.Category, updated.Value));
        Assert.Equal(("alice", "bob"), (updated.CreatedBy, updated.UpdatedBy));
        Assert.Equal(_stores.Clock.GetUtcNow(), updated.UpdatedAt);
        Assert.Equal(updated, await _stores.Variables.GetAsync(owner, created.Id, ct));
        Assert.Equal(2, (await _stores.Variables.ListAllAsync(owner, ct)).Count);
        Assert.NotEqual(created.Id, again.Id);
    }

    [Fact]
    public async Task UpdateAsync_RenameOntoTakenKey_IsAConflictAndChangesNothing()
    {
        var ct = TestTimeout.Token();
        var owner = Workspace();
        var a = await _stores.Variables.CreateAsync(owner, new VariableInput("a", VariableCategory.Terraform, "1"), "alice", ct);
        await _stores.Variables.CreateAsync(owner, new VariableInput("b", VariableCategory.Terraform, "2"), "alice", ct);

        await Assert.ThrowsAsync<VariableConflictException>(() => _stores.Variables.UpdateAsync(owner, a.Id, new VariablePatch(Key: "b"), null, "bob", ct));

        Assert.Equal(a, await _stores.Variables.GetAsync(owner, a.Id, ct));
    }

    [Fact]
    public async Task UpdateAsync_StaleIfMatch_Fails_CurrentIfMatch_Succeeds()
    {
        var ct = TestTimeout.Token();
        var owner = Workspace();
        var created = await _stores.Variables.CreateAsync(owner, new VariableInput("v", VariableCategory.Terraform, "1"), "alice", ct);
        var first = await _stores.Variables.UpdateAsync(owner, created.Id, new VariablePatch(Value: "2"), created.Version, "alice", ct);

        await Assert.ThrowsAsync<StaleVersionException>(() => _stores.Variables.UpdateAsync(owner, created.Id, new VariablePatch(Value: "3"), created.Version, "bob", ct));
        await Assert.ThrowsAsync<StaleVersionException>(() => _stores.Variables.DeleteAsync(owner, created.Id, created.Version, ct));

        Assert.Equal("2", first!.Value);
        Assert.NotEqual(created.Version, first.Version);
        Assert.Equal("2", (await _stores.Variables.GetAsync(owner, created.Id, ct))!.Value);
        Assert.True(await _stores.Variables.DeleteAsync(owner, created.Id, first.Version, ct));
    }

    [Fact]
    public async Task UpdateAsync_ConcurrentChanges_AllLand()
    {
        var ct = TestTimeout.Token();
        var owner = Workspace();
        var created = await _stores.Variables.CreateAsync(owner, new VariableInput("v", VariableCategory.Terraform, "0"), "alice", ct);

        await Task.WhenAll(
            _stores.Variables.UpdateAsync(owner, created.Id, new VariablePatch(Description: "described"), null, "a", ct),
            _stores.Variables.UpdateAsync(owner, created.Id, new VariablePatch(Value: "changed"), null, "b", ct),
            _stores.Variables.UpdateAsync(owner, created.Id, new VariablePatch(Hcl: true), null, "c", ct));

        var read = await _stores.Variables.GetAsync(owner, created.Id, ct);
        Assert.Equal(("described", "changed", true), (read!.Description, read.Value, read.Hcl));
    }

    [Fact]
    public async Task UpdateAsync_MakingPlainSensitive_EncryptsTheCurrentValue()
    {
        var ct = TestTimeout.Token();
        var owner = Workspace();
        var created = await _stores.Variables.CreateAsync(owner, new VariableInput("token", VariableCategory.Env, "was-plain-text"), "alice", ct);

        var updated = await _stores.Variables.UpdateAsync(owner, created.Id, new VariablePatch(Sensitive: true), null, "alice", ct);
        var rows = await _stores.RowsAsync(_org, ct);

        Assert.Null(updated!.Value);
        Assert.True(updated.HasValue);
        Assert.All(rows, row => Assert.All(row, property => Assert.DoesNotContain("was-plain-text", property.Value as string ?? "", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task UpdateAsync_MakingSensitivePlain_NeedsANewValue()
    {
        var ct = TestTimeout.Token();
        var owner = Workspace();
        var created = await _stores.Variables.CreateAsync(owner, new VariableInput("token", VariableCategory.Env, "secret", Sensitive: true), "alice", ct);

        var ex = await Assert.ThrowsAsync<VariableValidationException>(() => _stores.Variables.UpdateAsync(owner, created.Id, new VariablePatch(Sensitive: false), null, "a", ct));
        var updated = await _stores.Variables.UpdateAsync(owner, created.Id, new VariablePatch(Value: "public now", Sensitive: false), null, "a", ct);

        Assert.Equal("sensitive", ex.Problem.Field);
        Assert.Equal("public now", updated!.Value);
        Assert.DoesNotContain(await _stores.RowsAsync(_org, ct), r => r.GetString("Secret") is not null);
    }

    [Fact]
    public async Task UpdateAsync_ToEnvWhileHcl_IsRefusedNamingCategory()
    {
        var ct = TestTimeout.Token();
        var owner = Workspace();
        var created = await _stores.Variables.CreateAsync(owner, new VariableInput("map", VariableCategory.Terraform, "{a = 1}", Hcl: true), "alice", ct);

        var ex = await Assert.ThrowsAsync<VariableValidationException>(() => _stores.Variables.UpdateAsync(owner, created.Id, new VariablePatch(Category: VariableCategory.Env), null, "a", ct));
        var moved = await _stores.Variables.UpdateAsync(owner, created.Id, new VariablePatch(Category: VariableCategory.Env, Hcl: false), null, "a", ct);

        Assert.Equal("category", ex.Problem.Field);
        Assert.Equal((VariableCategory.Env, false), (moved!.Category, moved.Hcl));
    }

    [Fact]
    public async Task UpdateAndDelete_UnknownIdOrOtherOwner_AreNotFound()
    {
        var ct = TestTimeout.Token();
        var owner = Workspace();
        var created = await _stores.Variables.CreateAsync(owner, new VariableInput("v", VariableCategory.Terraform, "1"), "alice", ct);
        var other = Workspace("other");

        Assert.Null(await _stores.Variables.GetAsync(other, created.Id, ct));
        Assert.Null(await _stores.Variables.GetAsync(owner, "matrix-none", ct));
        Assert.Null(await _stores.Variables.UpdateAsync(other, created.Id, new VariablePatch(Value: "x"), null, "a", ct));
        Assert.False(await _stores.Variables.DeleteAsync(other, created.Id, null, ct));
        Assert.True(await _stores.Variables.DeleteAsync(owner, created.Id, null, ct));
        Assert.False(await _stores.Variables.DeleteAsync(owner, created.Id, null, ct));
        Assert.Empty(await _stores.RowsAsync(_org, ct));
    }

    [Fact]
    public async Task WorkspaceRecreatedUnderTheSameName_DoesNotInheritVariables()
    {
        var ct = TestTimeout.Token();
        var first = Workspace("net");
        await _stores.Variables.CreateAsync(first, new VariableInput("v", VariableCategory.Terraform, "1"), "alice", ct);

        var second = Workspace("net");

        Assert.NotEqual(first.WorkspaceId, second.WorkspaceId);
        Assert.Empty(await _stores.Variables.ListAllAsync(second, ct));
    }

    [Fact]
    public async Task ListAsync_Pages_InCategoryAndKeyOrder()
    {
        var ct = TestTimeout.Token();
        var owner = VariableOwner.ForOrganization(_org);
        foreach (var key in new[] { "e", "b", "d", "a", "c" })
        {
            await _stores.Variables.CreateAsync(owner, new VariableInput(key, VariableCategory.Terraform, key), "alice", ct);
        }

        await _stores.Variables.CreateAsync(owner, new VariableInput("Z", VariableCategory.Env, "z"), "alice", ct);
        var keys = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await _stores.Variables.ListAsync(owner, 2, token, ct);
            keys.AddRange(page.Items.Select(v => v.Key));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal(["Z", "a", "b", "c", "d", "e"], keys);
        Assert.True(pages >= 3);
    }

    [Fact]
    public async Task DeleteAllAsync_RemovesAnOwnersVariablesOnly()
    {
        var ct = TestTimeout.Token();
        var owner = Workspace();
        var other = Workspace("other");
        for (var i = 0; i < 3; i++)
        {
            await _stores.Variables.CreateAsync(owner, new VariableInput($"v{i}", VariableCategory.Terraform, "x"), "alice", ct);
        }

        var kept = await _stores.Variables.CreateAsync(other, new VariableInput("v0", VariableCategory.Terraform, "x"), "alice", ct);

        Assert.Equal(3, await _stores.Variables.DeleteAllAsync(owner, ct));
        Assert.Empty(await _stores.Variables.ListAllAsync(owner, ct));
        Assert.Equal([kept.Id], (await _stores.Variables.ListAllAsync(other, ct)).Select(v => v.Id));
        Assert.Equal(2, (await _stores.RowsAsync(_org, ct)).Count);
    }

    [Fact]
    public async Task ReencryptAsync_AfterRotation_MovesValuesToTheNewKey_SoTheOldKeyCanGo()
    {
        var ct = TestTimeout.Token();
        var net = _stores.AddWorkspace(_org, "net");
        await _stores.Variables.CreateAsync(VariableOwner.ForWorkspace(net), new VariableInput("a", VariableCategory.Terraform, "secret-a", Sensitive: true), "alice", ct);
        await _stores.Variables.CreateAsync(VariableOwner.ForOrganization(_org), new VariableInput("b", VariableCategory.Env, "secret-b", Sensitive: true), "alice", ct);
        await _stores.Variables.CreateAsync(VariableOwner.ForWorkspace(net), new VariableInput("c", VariableCategory.Terraform, "plain"), "alice", ct);
        var newKey = SecretProtector.GenerateKey();
        var rotated = VariableStores.For(backend.Account, _stores.Clock, new SecretProtectorOptions
        {
            Key = newKey,
            KeyId = "k2",
            RetiredKeys = new Dictionary<string, string> { ["k1"] = VariableStores.KeyOptions.Key! },
        });

        var result = await rotated.Variables.ReencryptAsync(_org, ct);
        var again = await rotated.Variables.ReencryptAsync(_org, ct);
        var newKeyOnly = VariableStores.For(backend.Account, _stores.Clock, new SecretProtectorOptions { Key = newKey, KeyId = "k2" });
        var resolved = await newKeyOnly.Resolver.ResolveAsync(net, ct);

        Assert.Equal(2, result.Reencrypted);
        Assert.Empty(result.Undecryptable);
        Assert.Equal(0, again.Reencrypted);
        Assert.All(
            (await rotated.RowsAsync(_org, ct)).Where(r => r.GetString("Secret") is not null),
            r => Assert.StartsWith("sv1:k2:", r.GetString("Secret"), StringComparison.Ordinal));
        Assert.Equal([("a", "secret-a"), ("c", "plain"), ("b", "secret-b")], resolved.Select(v => (v.Key, v.Value)));
    }

    [Fact]
    public async Task ReencryptAsync_ValueUnderAnUnknownKey_IsReportedNotLost()
    {
        var ct = TestTimeout.Token();
        await _stores.Variables.CreateAsync(VariableOwner.ForOrganization(_org), new VariableInput("lost", VariableCategory.Env, "secret", Sensitive: true), "alice", ct);
        var otherKey = VariableStores.For(backend.Account, _stores.Clock, new SecretProtectorOptions { Key = SecretProtector.GenerateKey(), KeyId = "k9" });

        var result = await otherKey.Variables.ReencryptAsync(_org, ct);

        Assert.Equal(0, result.Reencrypted);
        Assert.Equal([$"organization '{_org}' (global): lost"], result.Undecryptable);
        Assert.StartsWith("sv1:k1:", Assert.Single(await _stores.RowsAsync(_org, ct), r => r.GetString("Secret") is not null).GetString("Secret"), StringComparison.Ordinal);
    }
}

public sealed class EmbeddedVariableStoreTests(EmbeddedStorageBackend backend) : VariableStoreTests(backend), IClassFixture<EmbeddedStorageBackend>;

public sealed class AzuriteVariableStoreTests(AzuriteStorageBackend backend) : VariableStoreTests(backend), IClassFixture<AzuriteStorageBackend>;
