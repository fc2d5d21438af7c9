using Stratus.Identity.Authorization;

namespace Stratus.Identity.Tests.Authorization;

public sealed class PermissionPatternTests
{
    [Theory]
    [InlineData("*", "app.deploy")]
    [InlineData("*", "platform.read")]
    [InlineData("app.*", "app.deploy")]
    [InlineData("app.*", "app.env.set")]
    [InlineData("app.env.*", "app.env.set")]
    [InlineData("app.deploy", "app.deploy")]
    public void Matches_CoveredPermission_IsTrue(string pattern, string permission)
    {
        Assert.True(PermissionPattern.Matches(pattern, permission));
    }

    [Theory]
    [InlineData("app.*", "apps.read")]
    [InlineData("app.*", "application.x")]
    [InlineData("app.*", "app")]
    [InlineData("app.*", "pool.read")]
    [InlineData("app.env.*", "app.envx.set")]
    [InlineData("app.env.*", "app.deploy")]
    [InlineData("app.deploy", "app.deploy.x")]
    [InlineData("app.deploy", "app.deplo")]
    [InlineData("app.deploy", "APP.DEPLOY")]
    [InlineData("app", "app.deploy")]
    [InlineData("app*", "app.deploy")]
    [InlineData("", "app.deploy")]
    public void Matches_OtherPermission_IsFalse(string pattern, string permission)
    {
        Assert.False(PermissionPattern.Matches(pattern, permission));
    }
}
