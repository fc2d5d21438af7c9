using Stratus.Identity.Authorization;

namespace Stratus.Identity.Tests.Authorization;

public sealed class ScopeTests
{
    [Theory]
    [InlineData("global", ScopeKind.Global, "")]
    [InlineData("organization:acme", ScopeKind.Organization, "acme")]
    [InlineData("team:payments", ScopeKind.Team, "payments")]
    [InlineData("pool:prod-1", ScopeKind.Pool, "prod-1")]
    [InlineData("app:web", ScopeKind.App, "web")]
    [InlineData("workspace:acme/network", ScopeKind.Workspace, "acme/network")]
    public void TryParse_EveryKind_ParsesAndRoundTrips(string text, ScopeKind kind, string value)
    {
        Assert.True(Scope.TryParse(text, out var scope, out var problem));

        Assert.Null(problem);
        Assert.Equal(kind, scope.Kind);
        Assert.Equal(value, scope.Value);
        Assert.Equal(text, scope.ToString());
        Assert.True(Scope.TryParse(scope.ToString(), out var again, out _));
        Assert.Equal(scope, again);
    }

    [Fact]
    public void TryParse_Global_IsTheGlobalScope()
    {
        Assert.True(Scope.TryParse("global", out var scope, out _));

        Assert.Equal(Scope.Global, scope);
        Assert.Equal(Scope.Global, Scope.Of(ScopeKind.Global, "ignored"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("foo:bar")]
    [InlineData("Global")]
    [InlineData("global:x")]
    [InlineData(":web")]
    [InlineData("app")]
    [InlineData("team:")]
    [InlineData("team:UPPER_")]
    [InlineData("team:-lead")]
    [InlineData("app:web|x")]
    [InlineData("team:ops\n")]
    [InlineData("workspace:noslash")]
    [InlineData("workspace:a/b/c")]
    [InlineData("workspace:/ws")]
    [InlineData("workspace:org/")]
    [InlineData("workspace:Org/ws")]
    public void TryParse_Invalid_GivesAProblem(string? text)
    {
        Assert.False(Scope.TryParse(text, out var scope, out var problem));

        Assert.False(string.IsNullOrWhiteSpace(problem));
        Assert.Contains($"'{text}'", problem, StringComparison.Ordinal);
        Assert.Equal(Scope.Global, scope);
    }

    [Fact]
    public void ImpliedParents_Workspace_IsItsOrganization()
    {
        var parents = new Scope(ScopeKind.Workspace, "org/ws").ImpliedParents().ToList();

        Assert.Equal([new Scope(ScopeKind.Organization, "org")], parents);
    }

    [Theory]
    [InlineData("global")]
    [InlineData("organization:org")]
    [InlineData("team:org")]
    [InlineData("app:web")]
    public void ImpliedParents_OtherKinds_AreNone(string text)
    {
        Assert.True(Scope.TryParse(text, out var scope, out _));

        Assert.Empty(scope.ImpliedParents());
    }

    [Fact]
    public void KindName_EveryKind_IsWhatTryParseAccepts()
    {
        foreach (var kind in Enum.GetValues<ScopeKind>().Where(k => k != ScopeKind.Global))
        {
            var value = kind == ScopeKind.Workspace ? "a/b" : "a";

            Assert.True(Scope.TryParse($"{Scope.KindName(kind)}:{value}", out var scope, out _));
            Assert.Equal(kind, scope.Kind);
        }
    }

    [Fact]
    public void TryParse_UpperCaseTeam_IsTheTeamInAnyCase()
    {
        Assert.True(Scope.TryParse("team:TERRAFORM_CLI", out var scope, out var problem), problem);

        Assert.Equal(Scope.Of(ScopeKind.Team, "terraform_cli"), scope);
        Assert.Equal(Scope.Of(ScopeKind.Team, "Terraform_Cli"), scope);
        Assert.Equal("team:terraform_cli", scope.ToString());
    }
}
