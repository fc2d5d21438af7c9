using System.Reflection;
using Stratus.Identity.Authorization;

namespace Stratus.Identity.Tests.Authorization;

public sealed class PermissionCatalogTests
{
    private static IEnumerable<string> DeclaredNames() =>
        typeof(PermissionNames).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!);

    [Theory]
    [InlineData("*")]
    [InlineData("app.*")]
    [InlineData("app.env.*")]
    [InlineData("team.*")]
    [InlineData("app.deploy")]
    [InlineData("workspace.read")]
    public void IsValidPattern_KnownNameOrWildcard_IsTrue(string pattern)
    {
        Assert.True(PermissionCatalog.IsValidPattern(pattern));
    }

    [Theory]
    [InlineData("")]
    [InlineData("app")]
    [InlineData("app.")]
    [InlineData("app.deploi")]
    [InlineData("apps.*")]
    [InlineData("nothing.*")]
    [InlineData("app.deploy.*")]
    [InlineData("APP.DEPLOY")]
    [InlineData("*.read")]
    public void IsValidPattern_UnknownOrMalformed_IsFalse(string pattern)
    {
        Assert.False(PermissionCatalog.IsValidPattern(pattern));
    }

    [Fact]
    public void All_EveryDeclaredName_IsDescribedOnceWithGlobalScope()
    {
        var declared = DeclaredNames().ToList();

        Assert.Equal(declared.Order(StringComparer.Ordinal), PermissionCatalog.All.Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(PermissionCatalog.All.Count, PermissionCatalog.All.Select(p => p.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.All(PermissionCatalog.All, p =>
        {
            Assert.Contains(ScopeKind.Global, p.Scopes);
            Assert.False(string.IsNullOrWhiteSpace(p.Description));
            Assert.True(PermissionCatalog.Contains(p.Name));
            Assert.Same(p, PermissionCatalog.Find(p.Name));
        });
    }

    [Fact]
    public void Find_UnknownName_IsNull()
    {
        Assert.Null(PermissionCatalog.Find("app.*"));
        Assert.False(PermissionCatalog.Contains("app.*"));
    }
}
