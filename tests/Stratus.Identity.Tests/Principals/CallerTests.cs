using Stratus.Identity.Principals;
using Stratus.Identity.Tokens;

namespace Stratus.Identity.Tests.Principals;

public sealed class CallerTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Principals_UserWithTeamsAndToken_AreSubjectTeamsThenToken()
    {
        var token = new ApiToken("tokabc", "ci", TokenKind.Personal, PrincipalRef.User("alice"), Now, null, null, "alice");
        var caller = new Caller(PrincipalRef.User("alice"), "token", token, ["ops", "web"]);

        Assert.Equal(
            [PrincipalRef.User("alice"), PrincipalRef.Team("ops"), PrincipalRef.Team("web"), PrincipalRef.Token("tokabc")],
            caller.Principals.ToList());
        Assert.Equal("user:alice", caller.Describe());
        Assert.True(caller.IsMemberOf("ops"));
        Assert.False(caller.IsMemberOf("db"));
    }

    [Fact]
    public void Principals_TeamToken_ListsTheTeamOnce()
    {
        var token = new ApiToken("tokteam", "deploy", TokenKind.Team, PrincipalRef.Team("ops"), Now, null, null, "alice");
        var caller = new Caller(PrincipalRef.Team("ops"), "token", token, ["ops"]);

        Assert.Equal([PrincipalRef.Team("ops"), PrincipalRef.Token("tokteam")], caller.Principals.ToList());
        Assert.Equal("team:ops (token tokteam)", caller.Describe());
    }

    [Theory]
    [InlineData("TERRAFORM_CLI")]
    [InlineData("terraform_cli")]
    [InlineData("Terraform_Cli")]
    public void IsMemberOf_TeamInAnotherCase_IsTheSameTeam(string asked)
    {
        var caller = new Caller(PrincipalRef.User("alice"), "password", null, ["TERRAFORM_CLI"]);

        Assert.True(caller.IsMemberOf(asked));
        Assert.False(caller.IsMemberOf("terraform-cli"));
    }
}
