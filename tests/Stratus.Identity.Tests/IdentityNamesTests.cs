namespace Stratus.Identity.Tests;

public sealed class IdentityNamesTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("0")]
    [InlineData("alice")]
    [InlineData("alice@example.com")]
    [InlineData("a.b_c-d@e")]
    [InlineData("team-42")]
    public void Problem_ValidName_IsNull(string name)
    {
        Assert.Null(IdentityNames.Problem(name, "user name"));
    }

    [Fact]
    public void Problem_64Characters_IsNullAnd65IsAProblem()
    {
        Assert.Null(IdentityNames.Problem(new string('a', IdentityNames.MaxLength), "user name"));
        Assert.NotNull(IdentityNames.Problem(new string('a', IdentityNames.MaxLength + 1), "user name"));
    }

    [Theory]
    [InlineData("-alice")]
    [InlineData("alice-")]
    [InlineData("@alice")]
    [InlineData("alice@")]
    [InlineData(".alice")]
    [InlineData("_alice")]
    [InlineData("Alice")]
    [InlineData("ali ce")]
    [InlineData("ali|ce")]
    [InlineData("ali/ce")]
    [InlineData("ali:ce")]
    [InlineData("alicé")]
    [InlineData("alice\n")]
    public void Problem_InvalidName_NamesWhatAndTheName(string name)
    {
        var problem = IdentityNames.Problem(name, "team name");

        Assert.NotNull(problem);
        Assert.Contains("team name", problem, StringComparison.Ordinal);
        Assert.Contains(name, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Problem_Missing_SaysRequired(string? name)
    {
        Assert.Equal("The role name is required.", IdentityNames.Problem(name, "role name"));
    }

    [Fact]
    public void Problem_VeryLongName_IsShortenedInTheMessage()
    {
        var problem = IdentityNames.Problem(new string('a', 500), "user name");

        Assert.NotNull(problem);
        Assert.DoesNotContain(new string('a', 81), problem, StringComparison.Ordinal);
    }
}
