using Stratus.Identity.Authorization;
using Stratus.Testing;
using Stratus.Testing.Storage;

namespace Stratus.Identity.Tests.Stores;

public abstract class RoleStoreTests(StorageBackend backend)
{
    private readonly IdentityStores _stores = new(backend.Account);

    [Fact]
    public async Task CreateAsync_CustomRole_IsReadBackAndListedAfterTheBuiltInOnes()
    {
        var ct = TestTimeout.Token();
        var role = new Role(UniqueNames.Next("r"), "Deployers.", [PermissionNames.AppDeploy, "app.env.*"]);

        Assert.True(await _stores.Roles.CreateAsync(role, ct));
        var read = await _stores.Roles.GetAsync(role.Name, ct);
        var all = await _stores.Roles.ListAsync(ct);

        Assert.NotNull(read);
        Assert.Equal(role.Description, read.Description);
        Assert.Equal(role.Permissions, read.Permissions);
        Assert.False(read.BuiltIn);
        Assert.Equal(BuiltInRoles.All, all.Take(BuiltInRoles.All.Count));
        Assert.Contains(all.Skip(BuiltInRoles.All.Count), r => r.Name == role.Name);
        Assert.False(await _stores.Roles.CreateAsync(role with { Description = "Again." }, ct));
    }

    [Fact]
    public async Task CreateAsync_BuiltInName_IsRefusedAndGetStillGivesTheBuiltIn()
    {
        var ct = TestTimeout.Token();

        Assert.False(await _stores.Roles.CreateAsync(new Role(BuiltInRoles.Admin, "Nothing.", [PermissionNames.AppRead]), ct));
        Assert.Same(BuiltInRoles.Find(BuiltInRoles.Admin), await _stores.Roles.GetAsync(BuiltInRoles.Admin, ct));
    }

    [Fact]
    public async Task ReplaceAsync_CustomRole_ChangesItAndUnknownIsFalse()
    {
        var ct = TestTimeout.Token();
        var role = new Role(UniqueNames.Next("r"), "Readers.", [PermissionNames.AppRead]);
        await _stores.Roles.CreateAsync(role, ct);

        Assert.True(await _stores.Roles.ReplaceAsync(role with { Permissions = [PermissionNames.PoolRead] }, ct));
        Assert.Equal([PermissionNames.PoolRead], (await _stores.Roles.GetAsync(role.Name, ct))!.Permissions);
        Assert.False(await _stores.Roles.ReplaceAsync(role with { Name = UniqueNames.Next("r") }, ct));
    }

    [Fact]
    public async Task DeleteAsync_CustomRole_RemovesIt()
    {
        var ct = TestTimeout.Token();
        var role = new Role(UniqueNames.Next("r"), "Readers.", [PermissionNames.AppRead]);
        await _stores.Roles.CreateAsync(role, ct);

        Assert.True(await _stores.Roles.DeleteAsync(role.Name, ct));

        Assert.Null(await _stores.Roles.GetAsync(role.Name, ct));
        Assert.False(await _stores.Roles.DeleteAsync(role.Name, ct));
    }
}

public sealed class EmbeddedRoleStoreTests(EmbeddedStorageBackend backend) : RoleStoreTests(backend), IClassFixture<EmbeddedStorageBackend>;

public sealed class AzuriteRoleStoreTests(AzuriteStorageBackend backend) : RoleStoreTests(backend), IClassFixture<AzuriteStorageBackend>;
