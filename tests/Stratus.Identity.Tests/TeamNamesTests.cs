namespace Stratus.Identity.Tests;

public sealed class TeamNamesTests
{
    [Theory]
    [InlineData("TERRAFORM_CLI")]
    [InlineData("terraform-cli")]
    [InlineData("payments")]
    [InlineData("Ops.Team@eu")]
    [InlineData("a")]
    public void Problem_TerrakubeOrStratusName_IsNone(string name) => Assert.Null(TeamNames.Problem(name));

    [Theory]
    [InlineData("TERRAFORM CLI")]
    [InlineData("_cli")]
    [InlineData("cli_")]
    [InlineData("a/b")]
    [InlineData("a|b")]
    [InlineData("ÉQUIPE")]
    public void Problem_InvalidCharacters_NamesTheNameAndWhatIsAllowed(string name)
    {
        var problem = TeamNames.Problem(name);

        Assert.NotNull(problem);
        Assert.Contains($"'{name}'", problem, StringComparison.Ordinal);
        Assert.Contains("letters (either case), digits, '.', '_', '-' or '@'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_TooLong_IsRefused() =>
        Assert.NotNull(TeamNames.Problem(new string('A', IdentityNames.MaxLength + 1)));

    [Fact]
    public void Problem_Empty_SaysItIsRequired() =>
        Assert.Equal("The team name is required.", TeamNames.Problem(""));

    [Fact]
    public void Key_AnyCase_IsTheLowerCaseName()
    {
        Assert.Equal("terraform_cli", TeamNames.Key("TERRAFORM_CLI"));
        Assert.Equal(TeamNames.Key("terraform_cli"), TeamNames.Key("Terraform_Cli"));
    }
}
