using Stratus.Identity.Principals;

namespace Stratus.Identity.Tests.Principals;

public sealed class PrincipalRefTests
{
    [Theory]
    [InlineData("user:alice", PrincipalKind.User, "alice")]
    [InlineData("user:alice@example.com", PrincipalKind.User, "alice@example.com")]
    [InlineData("team:payments", PrincipalKind.Team, "payments")]
    [InlineData("token:tok0123456789abcdef", PrincipalKind.Token, "tok0123456789abcdef")]
    public void TryParse_Valid_ParsesAndRoundTrips(string text, PrincipalKind kind, string name)
    {
        Assert.True(PrincipalRef.TryParse(text, out var principal, out var problem));

        Assert.Null(problem);
        Assert.Equal(new PrincipalRef(kind, name), principal);
        Assert.Equal(text, principal.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("alice")]
    [InlineData(":alice")]
    [InlineData("group:alice")]
    [InlineData("User:alice")]
    [InlineData("user:")]
    [InlineData("user:Alice")]
    [InlineData("user:alice|x")]
    [InlineData("user:alice\n")]
    [InlineData("team:.payments")]
    [InlineData("token:tok/1")]
    public void TryParse_Invalid_GivesAProblem(string? text)
    {
        Assert.False(PrincipalRef.TryParse(text, out var principal, out var problem));

        Assert.False(string.IsNullOrWhiteSpace(problem));
        Assert.Equal(default, principal);
    }

    [Fact]
    public void Factories_EachKind_WriteTheirKindName()
    {
        Assert.Equal("user:a", PrincipalRef.User("a").ToString());
        Assert.Equal("team:a", PrincipalRef.Team("a").ToString());
        Assert.Equal("token:a", PrincipalRef.Token("a").ToString());
    }

    [Fact]
    public void TryParse_UpperCaseTeam_IsTheSameTeamAsLowerCase()
    {
        Assert.True(PrincipalRef.TryParse("team:TERRAFORM_CLI", out var principal, out var problem), problem);

        Assert.Equal(PrincipalRef.Team("terraform_cli"), principal);
        Assert.Equal(PrincipalRef.Team("TERRAFORM_CLI"), principal);
    }

    [Fact]
    public void TryParse_InvalidTeam_SaysWhatATeamNameMayHold()
    {
        Assert.False(PrincipalRef.TryParse("team:TERRAFORM CLI", out _, out var problem));

        Assert.Contains("TERRAFORM CLI", problem, StringComparison.Ordinal);
        Assert.Contains("either case", problem, StringComparison.Ordinal);
    }
}
