using Stratus.Identity.Authorization;

namespace Stratus.Identity.Tests.Authorization;

public sealed class BuiltInRolesTests
{
    [Fact]
    public void All_EveryPermissionEntry_IsAValidPattern()
    {
        Assert.All(BuiltInRoles.All, role =>
        {
            Assert.NotEmpty(role.Permissions);
            Assert.All(role.Permissions, p => Assert.True(PermissionCatalog.IsValidPattern(p), $"{role.Name}: {p}"));
        });
    }

    [Fact]
    public void All_Names_AreUniqueValidAndBuiltIn()
    {
        Assert.Equal(BuiltInRoles.All.Count, BuiltInRoles.All.Select(r => r.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.All(BuiltInRoles.All, role =>
        {
            Assert.Null(IdentityNames.Problem(role.Name, "role name"));
            Assert.True(role.BuiltIn);
            Assert.Same(role, BuiltInRoles.Find(role.Name));
        });
    }

    [Fact]
    public void Find_Admin_AllowsEveryCataloguedPermission()
    {
        var admin = BuiltInRoles.Find(BuiltInRoles.Admin);

        Assert.NotNull(admin);
        Assert.All(PermissionCatalog.All, p => Assert.True(admin.Allows(p.Name), p.Name));
    }

    [Fact]
    public void Find_Auditor_ReadsButDoesNotChange()
    {
        var auditor = BuiltInRoles.Find("auditor");

        Assert.NotNull(auditor);
        Assert.True(auditor.Allows(PermissionNames.AppRead));
        Assert.False(auditor.Allows(PermissionNames.AppDeploy));
        Assert.False(auditor.Allows(PermissionNames.AppEnvRead));
        Assert.False(auditor.Allows(PermissionNames.UserManage));
    }

    [Fact]
    public void Find_AppDeveloper_DeploysButDoesNotDelete()
    {
        var developer = BuiltInRoles.Find("app-developer");

        Assert.NotNull(developer);
        Assert.True(developer.Allows(PermissionNames.AppDeploy));
        Assert.True(developer.Allows(PermissionNames.AppEnvSet));
        Assert.False(developer.Allows(PermissionNames.AppDelete));
        Assert.False(developer.Allows(PermissionNames.AppCreate));
    }

    [Fact]
    public void Find_UnknownName_IsNull()
    {
        Assert.Null(BuiltInRoles.Find("Admin"));
        Assert.Null(BuiltInRoles.Find("root"));
    }
}
