using Stratus.Identity.Authorization;
using Stratus.Identity.Principals;
using Stratus.Identity.Tests.Stores;
using Stratus.Identity.Tokens;
using Stratus.Testing;
using Stratus.Testing.Storage;

namespace Stratus.Identity.Tests.Authorization;

public abstract class AccessEvaluatorTests(StorageBackend backend)
{
    private readonly IdentityStores _stores = new(backend.Account);

    private static string Unique(string prefix) => UniqueNames.Next(prefix);

    private static Caller UserCaller(string name, params string[] teams) => new(PrincipalRef.User(name), "token", null, teams);

    private Task GrantAsync(PrincipalRef principal, string role, Scope scope, CancellationToken ct) =>
        _stores.Grants.AddAsync(principal, role, scope, _stores.Clock.GetUtcNow(), "test", ct);

    [Fact]
    public async Task IsAllowedAsync_RoleOnTheAppsTeam_AllowsThatAppOnly()
    {
        var ct = TestTimeout.Token();
        var (user, team, web, other) = (Unique("u"), Unique("t"), Unique("web"), Unique("other"));
        await GrantAsync(PrincipalRef.User(user), "app-developer", new Scope(ScopeKind.Team, team), ct);
        var evaluator = _stores.Evaluator(new MapResolver(ScopeKind.App, new() { [web] = [new Scope(ScopeKind.Team, team)] }));
        var caller = UserCaller(user);

        Assert.True(await evaluator.IsAllowedAsync(caller, PermissionNames.AppDeploy, new Scope(ScopeKind.App, web), ct));
        Assert.False(await evaluator.IsAllowedAsync(caller, PermissionNames.AppDeploy, new Scope(ScopeKind.App, other), ct));
        Assert.False(await evaluator.IsAllowedAsync(caller, PermissionNames.AppDelete, new Scope(ScopeKind.App, web), ct));
        Assert.True(await evaluator.IsAllowedAsync(caller, PermissionNames.AppDeploy, new Scope(ScopeKind.Team, team), ct));
        Assert.False(await evaluator.IsAllowedAsync(caller, PermissionNames.AppDeploy, Scope.Global, ct));
        Assert.False(await evaluator.IsAllowedAsync(UserCaller(Unique("u")), PermissionNames.AppDeploy, new Scope(ScopeKind.App, web), ct));
    }

    [Fact]
    public async Task IsAllowedAsync_GlobalAdmin_AllowsEverythingEverywhere()
    {
        var ct = TestTimeout.Token();
        var user = Unique("u");
        await GrantAsync(PrincipalRef.User(user), BuiltInRoles.Admin, Scope.Global, ct);
        var evaluator = _stores.Evaluator();

        foreach (var scope in new[] { Scope.Global, new Scope(ScopeKind.App, Unique("a")), new Scope(ScopeKind.Workspace, "o/w"), new Scope(ScopeKind.Team, "x") })
        {
            foreach (var permission in PermissionCatalog.All)
            {
                Assert.True(await evaluator.IsAllowedAsync(UserCaller(user), permission.Name, scope, ct), $"{permission.Name} on {scope}");
            }
        }
    }

    [Fact]
    public async Task IsAllowedAsync_GrantOnOrganization_CoversItsWorkspaces()
    {
        var ct = TestTimeout.Token();
        var (user, org) = (Unique("u"), Unique("org"));
        await GrantAsync(PrincipalRef.User(user), "workspace-manager", new Scope(ScopeKind.Organization, org), ct);
        var evaluator = _stores.Evaluator();
        var caller = UserCaller(user);

        Assert.True(await evaluator.IsAllowedAsync(caller, PermissionNames.WorkspaceManage, new Scope(ScopeKind.Workspace, $"{org}/ws"), ct));
        Assert.False(await evaluator.IsAllowedAsync(caller, PermissionNames.WorkspaceManage, new Scope(ScopeKind.Workspace, $"{Unique("org")}/ws"), ct));
        Assert.False(await evaluator.IsAllowedAsync(caller, PermissionNames.JobApply, new Scope(ScopeKind.Workspace, $"{org}/ws"), ct));
    }

    [Fact]
    public async Task IsAllowedAsync_GrantOnWorkspace_DoesNotCoverItsOrganization()
    {
        var ct = TestTimeout.Token();
        var (user, org) = (Unique("u"), Unique("org"));
        await GrantAsync(PrincipalRef.User(user), "workspace-manager", new Scope(ScopeKind.Workspace, $"{org}/ws"), ct);
        var evaluator = _stores.Evaluator();

        Assert.True(await evaluator.IsAllowedAsync(UserCaller(user), PermissionNames.WorkspaceManage, new Scope(ScopeKind.Workspace, $"{org}/ws"), ct));
        Assert.False(await evaluator.IsAllowedAsync(UserCaller(user), PermissionNames.WorkspaceManage, new Scope(ScopeKind.Workspace, $"{org}/other"), ct));
        Assert.False(await evaluator.IsAllowedAsync(UserCaller(user), PermissionNames.OrganizationRead, new Scope(ScopeKind.Organization, org), ct));
    }

    [Fact]
    public async Task IsAllowedAsync_GrantToTheCallersToken_Applies()
    {
        var ct = TestTimeout.Token();
        var user = Unique("u");
        var issued = await _stores.Tokens.IssueAsync(TokenKind.Personal, PrincipalRef.User(user), "ci", null, user, ct);
        await GrantAsync(PrincipalRef.Token(issued.Token.Id), "auditor", Scope.Global, ct);
        var evaluator = _stores.Evaluator();

        Assert.True(await evaluator.IsAllowedAsync(new Caller(PrincipalRef.User(user), "token", issued.Token, []), PermissionNames.AppRead, Scope.Global, ct));
        Assert.False(await evaluator.IsAllowedAsync(new Caller(PrincipalRef.User(user), "token", issued.Token, []), PermissionNames.AppDeploy, Scope.Global, ct));
        Assert.False(await evaluator.IsAllowedAsync(UserCaller(user), PermissionNames.AppRead, Scope.Global, ct));
    }

    [Fact]
    public async Task IsAllowedAsync_GrantToTheCallersTeam_Applies()
    {
        var ct = TestTimeout.Token();
        var (user, team) = (Unique("u"), Unique("t"));
        await GrantAsync(PrincipalRef.Team(team), "team-admin", new Scope(ScopeKind.Team, team), ct);
        var evaluator = _stores.Evaluator();

        Assert.True(await evaluator.IsAllowedAsync(UserCaller(user, team), PermissionNames.TeamMemberManage, new Scope(ScopeKind.Team, team), ct));
        Assert.False(await evaluator.IsAllowedAsync(UserCaller(user), PermissionNames.TeamMemberManage, new Scope(ScopeKind.Team, team), ct));
    }

    [Fact]
    public async Task IsAllowedAsync_UnknownRole_AllowsNothing()
    {
        var ct = TestTimeout.Token();
        var user = Unique("u");
        await GrantAsync(PrincipalRef.User(user), Unique("ghost"), Scope.Global, ct);
        var evaluator = _stores.Evaluator();

        foreach (var permission in PermissionCatalog.All)
        {
            Assert.False(await evaluator.IsAllowedAsync(UserCaller(user), permission.Name, Scope.Global, ct), permission.Name);
        }
    }

    [Fact]
    public async Task IsAllowedAsync_CustomRole_AllowsItsPermissions()
    {
        var ct = TestTimeout.Token();
        var (user, role) = (Unique("u"), Unique("r"));
        Assert.True(await _stores.Roles.CreateAsync(new Role(role, "Pool reader.", [PermissionNames.PoolRead]), ct));
        await GrantAsync(PrincipalRef.User(user), role, new Scope(ScopeKind.Pool, "prod"), ct);
        var evaluator = _stores.Evaluator();

        Assert.True(await evaluator.IsAllowedAsync(UserCaller(user), PermissionNames.PoolRead, new Scope(ScopeKind.Pool, "prod"), ct));
        Assert.False(await evaluator.IsAllowedAsync(UserCaller(user), PermissionNames.PoolManage, new Scope(ScopeKind.Pool, "prod"), ct));
        Assert.False(await evaluator.IsAllowedAsync(UserCaller(user), PermissionNames.PoolRead, new Scope(ScopeKind.Pool, "dev"), ct));
    }

    [Fact]
    public async Task ScopeChainAsync_AppInTeamAndPool_HoldsEveryAncestorAndGlobal()
    {
        var ct = TestTimeout.Token();
        var evaluator = _stores.Evaluator(
            new MapResolver(ScopeKind.App, new() { ["web"] = [new Scope(ScopeKind.Team, "ops"), new Scope(ScopeKind.Pool, "prod")] }),
            new MapResolver(ScopeKind.Pool, new() { ["prod"] = [new Scope(ScopeKind.Organization, "acme")] }));

        var chain = await evaluator.ScopeChainAsync(new Scope(ScopeKind.App, "web"), ct);

        Assert.Equal(
            new HashSet<Scope> { new(ScopeKind.App, "web"), new(ScopeKind.Team, "ops"), new(ScopeKind.Pool, "prod"), new(ScopeKind.Organization, "acme"), Scope.Global },
            chain.ToHashSet());
    }

    [Fact]
    public async Task ScopeChainAsync_CyclicResolvers_Terminates()
    {
        var ct = TestTimeout.Token();
        var evaluator = _stores.Evaluator(
            new MapResolver(ScopeKind.Team, new() { ["a"] = [new Scope(ScopeKind.Pool, "b")] }),
            new MapResolver(ScopeKind.Pool, new() { ["b"] = [new Scope(ScopeKind.Team, "a")] }));

        var chain = await evaluator.ScopeChainAsync(new Scope(ScopeKind.Team, "a"), ct);

        Assert.Equal(3, chain.Count);
    }

    private sealed class MapResolver(ScopeKind kind, Dictionary<string, Scope[]> parents) : IScopeParentResolver
    {
        public ScopeKind Kind => kind;

        public Task<IReadOnlyList<Scope>> GetParentsAsync(string value, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<Scope>>(parents.GetValueOrDefault(value) ?? []);
    }
}

public sealed class EmbeddedAccessEvaluatorTests(EmbeddedStorageBackend backend) : AccessEvaluatorTests(backend), IClassFixture<EmbeddedStorageBackend>;

public sealed class AzuriteAccessEvaluatorTests(AzuriteStorageBackend backend) : AccessEvaluatorTests(backend), IClassFixture<AzuriteStorageBackend>;
