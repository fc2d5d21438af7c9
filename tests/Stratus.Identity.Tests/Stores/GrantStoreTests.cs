using Stratus.Identity.Authorization;
using Stratus.Identity.Principals;
using Stratus.Identity.Stores;
using Stratus.Testing;
using Stratus.Testing.Storage;

namespace Stratus.Identity.Tests.Stores;

public abstract class GrantStoreTests(StorageBackend backend)
{
    private readonly IdentityStores _stores = new(backend.Account);

    private static PrincipalRef NewUser() => PrincipalRef.User(UniqueNames.Next("u"));

    private static Scope Team(string name) => new(ScopeKind.Team, name);

    [Fact]
    public async Task AddAsync_Twice_ReturnsTheSameGrantCreatedOnlyTheFirstTime()
    {
        var ct = TestTimeout.Token();
        var user = NewUser();
        var scope = Team(UniqueNames.Next("t"));
        var firstAt = _stores.Clock.GetUtcNow();

        var (first, created) = await _stores.Grants.AddAsync(user, "app-developer", scope, firstAt, "alice", ct);
        var (second, createdAgain) = await _stores.Grants.AddAsync(user, "app-developer", scope, firstAt.AddHours(1), "bob", ct);

        Assert.True(created);
        Assert.False(createdAgain);
        Assert.Equal(first.Id, second.Id);
        Assert.Equal(GrantStore.IdFor(user, "app-developer", scope), first.Id);
        Assert.Equal(user, second.Principal);
        Assert.Equal("app-developer", second.Role);
        Assert.Equal(scope, second.Scope);
        Assert.Equal(firstAt, second.CreatedAt);
        Assert.Equal("alice", second.CreatedBy);
        Assert.Single(await _stores.Grants.ForPrincipalAsync(user, ct));
    }

    [Fact]
    public void IdFor_DiffersByPrincipalRoleAndScope()
    {
        var user = PrincipalRef.User("alice");
        var id = GrantStore.IdFor(user, "admin", Scope.Global);

        Assert.Matches("^g[0-9a-f]{19}$", id);
        Assert.Equal(id, GrantStore.IdFor(PrincipalRef.User("alice"), "admin", Scope.Global));
        Assert.NotEqual(id, GrantStore.IdFor(PrincipalRef.Team("alice"), "admin", Scope.Global));
        Assert.NotEqual(id, GrantStore.IdFor(user, "auditor", Scope.Global));
        Assert.NotEqual(id, GrantStore.IdFor(user, "admin", Team("alice")));
    }

    [Fact]
    public async Task ForPrincipalAsync_Principal_ReturnsItsGrantsOnly()
    {
        var ct = TestTimeout.Token();
        var user = NewUser();
        var similar = PrincipalRef.User(user.Name + "x");
        var sameNameTeam = PrincipalRef.Team(user.Name);
        var now = _stores.Clock.GetUtcNow();
        var (a, _) = await _stores.Grants.AddAsync(user, "auditor", Scope.Global, now, "alice", ct);
        var (b, _) = await _stores.Grants.AddAsync(user, "app-developer", new Scope(ScopeKind.App, "web"), now, "alice", ct);
        await _stores.Grants.AddAsync(similar, "auditor", Scope.Global, now, "alice", ct);
        await _stores.Grants.AddAsync(sameNameTeam, "auditor", Scope.Global, now, "alice", ct);

        var grants = await _stores.Grants.ForPrincipalAsync(user, ct);

        Assert.Equal(new[] { a.Id, b.Id }.Order(StringComparer.Ordinal), grants.Select(g => g.Id).Order(StringComparer.Ordinal));
        Assert.Contains(grants, g => g.Role == "app-developer" && g.Scope == new Scope(ScopeKind.App, "web"));
        Assert.Empty(await _stores.Grants.ForPrincipalAsync(NewUser(), ct));
    }

    [Fact]
    public async Task RemoveAsync_Grant_RemovesBothRows()
    {
        var ct = TestTimeout.Token();
        var user = NewUser();
        var (grant, _) = await _stores.Grants.AddAsync(user, "auditor", Scope.Global, _stores.Clock.GetUtcNow(), "alice", ct);

        Assert.True(await _stores.Grants.RemoveAsync(grant.Id, ct));

        Assert.Null(await _stores.Grants.GetAsync(grant.Id, ct));
        Assert.Empty(await _stores.Grants.ForPrincipalAsync(user, ct));
        Assert.DoesNotContain(await _stores.RowsAsync("grant", ct), e => e.GetString("Id") == grant.Id);
        Assert.False(await _stores.Grants.RemoveAsync(grant.Id, ct));
        Assert.True((await _stores.Grants.AddAsync(user, "auditor", Scope.Global, _stores.Clock.GetUtcNow(), "alice", ct)).Created);
    }

    [Fact]
    public async Task GetAsync_Grant_ReadsItBack()
    {
        var ct = TestTimeout.Token();
        var scope = new Scope(ScopeKind.Workspace, "acme/network");
        var (grant, _) = await _stores.Grants.AddAsync(NewUser(), "state-manager", scope, _stores.Clock.GetUtcNow(), "alice", ct);

        Assert.Equal(grant, await _stores.Grants.GetAsync(grant.Id, ct));
        Assert.Null(await _stores.Grants.GetAsync("gnothing", ct));
    }

    [Fact]
    public async Task ListAsync_RoleFilter_ReturnsThatRolesGrantsOnly()
    {
        var ct = TestTimeout.Token();
        var role = UniqueNames.Next("r");
        var now = _stores.Clock.GetUtcNow();
        var (a, _) = await _stores.Grants.AddAsync(NewUser(), role, Scope.Global, now, "alice", ct);
        var (b, _) = await _stores.Grants.AddAsync(NewUser(), role, Team("ops"), now, "alice", ct);
        var (other, _) = await _stores.Grants.AddAsync(NewUser(), role + "x", Scope.Global, now, "alice", ct);

        var page = await _stores.Grants.ListAsync(role, 100, null, ct);

        Assert.Equal(new[] { a.Id, b.Id }.Order(StringComparer.Ordinal), page.Items.Select(g => g.Id).Order(StringComparer.Ordinal));
        Assert.Null(page.ContinuationToken);
        Assert.True(await _stores.Grants.AnyForRoleAsync(role, ct));
        Assert.False(await _stores.Grants.AnyForRoleAsync(UniqueNames.Next("r"), ct));

        // Unfiltered, page by page: every grant once, ours among them.
        var seen = new List<string>();
        string? token = null;
        do
        {
            var next = await _stores.Grants.ListAsync(null, 2, token, ct);
            Assert.InRange(next.Items.Count, 0, 2);
            seen.AddRange(next.Items.Select(g => g.Id));
            token = next.ContinuationToken;
        }
        while (token is not null);

        Assert.Equal(seen.Count, seen.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains(a.Id, seen);
        Assert.Contains(b.Id, seen);
        Assert.Contains(other.Id, seen);
    }

    [Fact]
    public async Task RemoveAllForAsync_Principal_RemovesItsGrantsAndKeepsOthers()
    {
        var ct = TestTimeout.Token();
        var user = NewUser();
        var other = NewUser();
        var now = _stores.Clock.GetUtcNow();
        await _stores.Grants.AddAsync(user, "auditor", Scope.Global, now, "alice", ct);
        await _stores.Grants.AddAsync(user, "team-admin", Team("a"), now, "alice", ct);
        await _stores.Grants.AddAsync(user, "team-admin", Team("b"), now, "alice", ct);
        var (kept, _) = await _stores.Grants.AddAsync(other, "team-admin", Team("a"), now, "alice", ct);

        await _stores.Grants.RemoveAllForAsync(user, ct);

        Assert.Empty(await _stores.Grants.ForPrincipalAsync(user, ct));
        Assert.Equal([kept.Id], (await _stores.Grants.ForPrincipalAsync(other, ct)).Select(g => g.Id));
        Assert.NotNull(await _stores.Grants.GetAsync(kept.Id, ct));
    }
}

public sealed class EmbeddedGrantStoreTests(EmbeddedStorageBackend backend) : GrantStoreTests(backend), IClassFixture<EmbeddedStorageBackend>;

public sealed class AzuriteGrantStoreTests(AzuriteStorageBackend backend) : GrantStoreTests(backend), IClassFixture<AzuriteStorageBackend>;
