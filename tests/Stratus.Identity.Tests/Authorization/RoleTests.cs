using Stratus.Identity.Authorization;

namespace Stratus.Identity.Tests.Authorization;

public sealed class RoleTests
{
    [Fact]
    public void Allows_AnyEntryMatching_IsTrue()
    {
        var role = new Role("ops", "Operations.", ["pool.read", "app.env.*"]);

        Assert.True(role.Allows("pool.read"));
        Assert.True(role.Allows("app.env.read"));
        Assert.False(role.Allows("app.deploy"));
        Assert.False(role.Allows("pool.manage"));
    }

    [Fact]
    public void Allows_NoEntries_IsFalse()
    {
        Assert.False(new Role("empty", "", []).Allows("app.read"));
    }
}
