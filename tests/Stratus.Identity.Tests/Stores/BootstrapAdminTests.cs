using Stratus.Identity.Authorization;
using Stratus.Identity.Principals;
using Stratus.Identity.Stores;
using Stratus.Identity.Tokens;
using Stratus.Storage.Tables;
using Stratus.Testing;
using Stratus.Testing.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Stratus.Identity.Tests.Stores;

/// <summary>The bootstrap rows have fixed keys, so every test here starts from an empty identity table.</summary>
public abstract class BootstrapAdminTests(StorageBackend backend)
{
    private static readonly PrincipalRef Admin = PrincipalRef.User(BootstrapAdmin.UserName);

    private async Task<IdentityStores> FreshAsync(CancellationToken ct) => new(await backend.CreateFreshAccountAsync(IdentityTable.TableName, ct));

    private static async Task AssertAdminExistsAsync(IdentityStores stores, CancellationToken ct)
    {
        var user = await stores.Users.GetAsync(BootstrapAdmin.UserName, ct);
        Assert.NotNull(user);
        Assert.False(user.Disabled);
        var grant = Assert.Single(await stores.Grants.ForPrincipalAsync(Admin, ct));
        Assert.Equal(BuiltInRoles.Admin, grant.Role);
        Assert.Equal(Scope.Global, grant.Scope);
        Assert.True(await stores.Evaluator().IsAllowedAsync(new Caller(Admin, "token", null, []), PermissionNames.UserManage, Scope.Global, ct));
    }

    [Fact]
    public async Task EnsureAsync_FreshStore_IssuesAnAdminTokenOnceOnly()
    {
        var ct = TestTimeout.Token();
        var stores = await FreshAsync(ct);

        var secret = await stores.Bootstrap.EnsureAsync(null, ct);
        var again = await stores.Bootstrap.EnsureAsync(null, ct);

        Assert.NotNull(secret);
        Assert.True(TokenSecrets.TryRecognize(secret, out var kind));
        Assert.Equal(TokenKind.Personal, kind);
        Assert.Null(again);
        var token = await stores.Tokens.FindAsync(secret, ct);
        Assert.NotNull(token);
        Assert.Equal(Admin, token.Owner);
        Assert.Equal(BootstrapAdmin.TokenName, token.Name);
        Assert.Null(token.ExpiresAt);
        Assert.Single(await stores.Tokens.ListAsync(Admin, ct));
        await AssertAdminExistsAsync(stores, ct);
    }

    [Fact]
    public async Task EnsureAsync_EightConcurrentStarts_IssueExactlyOneToken()
    {
        var ct = TestTimeout.Token();
        var account = await backend.CreateFreshAccountAsync(IdentityTable.TableName, ct);
        var clock = new FakeTimeProvider();

        // Eight instances starting at once: each with its own stores over the one account.
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(
            () => new IdentityStores(account, clock).Bootstrap.EnsureAsync(null, ct), ct)));

        var secret = Assert.Single(results, r => r is not null);
        var stores = new IdentityStores(account, clock);
        Assert.Equal(Admin, (await stores.Tokens.FindAsync(secret!, ct))?.Owner);
        Assert.Single(await stores.Tokens.ListAsync(Admin, ct));
        await AssertAdminExistsAsync(stores, ct);
    }

    [Fact]
    public async Task EnsureAsync_ConfiguredToken_StoresItAndShowsNothing()
    {
        var ct = TestTimeout.Token();
        var stores = await FreshAsync(ct);
        var configured = TokenSecrets.Create(TokenKind.Personal);

        Assert.Null(await stores.Bootstrap.EnsureAsync(configured, ct));
        Assert.Null(await stores.Bootstrap.EnsureAsync(configured, ct));

        var token = await stores.Tokens.FindAsync(configured, ct);
        Assert.NotNull(token);
        Assert.Equal("tokbootstrap", token.Id);
        Assert.Equal(Admin, token.Owner);
        Assert.Equal(BootstrapAdmin.TokenName, token.Name);
        Assert.Single(await stores.Tokens.ListAsync(Admin, ct));
        await AssertAdminExistsAsync(stores, ct);
    }

    [Fact]
    public async Task EnsureAsync_ConfiguredTokenChanged_KeepsTheFirstUntilRevoked()
    {
        var ct = TestTimeout.Token();
        var stores = await FreshAsync(ct);
        var first = TokenSecrets.Create(TokenKind.Personal);
        var second = TokenSecrets.Create(TokenKind.Personal);
        await stores.Bootstrap.EnsureAsync(first, ct);

        Assert.Null(await stores.Bootstrap.EnsureAsync(second, ct));

        Assert.NotNull(await stores.Tokens.FindAsync(first, ct));
        Assert.Null(await stores.Tokens.FindAsync(second, ct));
    }

    [Fact]
    public async Task EnsureAsync_UnfinishedMarkerOlderThanTwoMinutes_IsTakenOver()
    {
        var ct = TestTimeout.Token();
        var stores = await FreshAsync(ct);
        var table = await stores.Table.GetAsync(ct);
        var now = stores.Clock.GetUtcNow();
        await table.InsertAsync(new TableEntity("system", "bootstrap") { ["StartedAt"] = now, ["Done"] = false }, ct);

        // A winner that died: within two minutes the others wait, after them one takes over.
        stores.Clock.Advance(TimeSpan.FromSeconds(119));
        Assert.Null(await stores.Bootstrap.EnsureAsync(null, ct));
        stores.Clock.Advance(TimeSpan.FromSeconds(2));
        var secret = await stores.Bootstrap.EnsureAsync(null, ct);

        Assert.NotNull(secret);
        Assert.NotNull(await stores.Tokens.FindAsync(secret, ct));
        Assert.Null(await stores.Bootstrap.EnsureAsync(null, ct));
    }
}

public sealed class EmbeddedBootstrapAdminTests(EmbeddedStorageBackend backend) : BootstrapAdminTests(backend), IClassFixture<EmbeddedStorageBackend>;

public sealed class AzuriteBootstrapAdminTests(AzuriteStorageBackend backend) : BootstrapAdminTests(backend), IClassFixture<AzuriteStorageBackend>;
