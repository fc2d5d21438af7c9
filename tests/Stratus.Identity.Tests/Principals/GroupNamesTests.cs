using Stratus.Identity.Principals;

namespace Stratus.Identity.Tests.Principals;

public sealed class GroupNamesTests
{
    [Theory]
    [InlineData("4f2d7c1e-9a1b-4c3d-8e5f-0a1b2c3d4e5f")]
    [InlineData("Platform Engineers")]
    [InlineData("x")]
    public void Problem_EntraIdOrName_IsNull(string group)
    {
        Assert.Null(GroupNames.Problem(group));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a|b")]
    [InlineData("a\tb")]
    public void Problem_KeyBreakingOrEmpty_IsAProblem(string? group)
    {
        Assert.NotNull(GroupNames.Problem(group));
    }

    [Fact]
    public void Problem_LengthBound_Is128()
    {
        Assert.Null(GroupNames.Problem(new string('g', GroupNames.MaxLength)));
        Assert.NotNull(GroupNames.Problem(new string('g', GroupNames.MaxLength + 1)));
    }
}
