using Stratus.Identity.Principals;
using Stratus.Identity.Stores;
using Stratus.Identity.Tokens;
using Stratus.Storage;
using Stratus.Storage.Tables;
using Stratus.Testing;
using Stratus.Testing.Storage;

namespace Stratus.Identity.Tests.Stores;

public abstract class TokenStoreTests(StorageBackend backend)
{
    private readonly IdentityStores _stores = new(backend.Account);

    private static PrincipalRef NewUser() => PrincipalRef.User(UniqueNames.Next("u"));

    private async Task<List<TableEntity>> RowsOfAsync(string tokenId, CancellationToken ct) =>
        (await _stores.RowsAsync("token", ct)).Where(e => e.GetString("Id") == tokenId).ToList();

    [Fact]
    public async Task IssueAsync_ThenFindAsyncBySecret_ReturnsTheToken()
    {
        var ct = TestTimeout.Token();
        var owner = NewUser();
        var expires = _stores.Clock.GetUtcNow().AddDays(30);

        var issued = await _stores.Tokens.IssueAsync(TokenKind.Personal, owner, "laptop", expires, "alice", ct);
        var found = await _stores.Tokens.FindAsync(issued.Secret, ct);

        Assert.True(TokenSecrets.TryRecognize(issued.Secret, out var kind));
        Assert.Equal(TokenKind.Personal, kind);
        Assert.StartsWith("tok", issued.Token.Id, StringComparison.Ordinal);
        Assert.NotNull(found);
        Assert.Equal(issued.Token.Id, found.Id);
        Assert.Equal("laptop", found.Name);
        Assert.Equal(TokenKind.Personal, found.Kind);
        Assert.Equal(owner, found.Owner);
        Assert.Equal(_stores.Clock.GetUtcNow(), found.CreatedAt);
        Assert.Equal(expires, found.ExpiresAt);
        Assert.Equal("alice", found.CreatedBy);
    }

    [Fact]
    public async Task IssueAsync_TeamToken_IsATeamSecretOwnedByTheTeam()
    {
        var ct = TestTimeout.Token();
        var team = PrincipalRef.Team(UniqueNames.Next("t"));

        var issued = await _stores.Tokens.IssueAsync(TokenKind.Team, team, "deploy", null, "alice", ct);
        var found = await _stores.Tokens.FindAsync(issued.Secret, ct);

        Assert.StartsWith(TokenSecrets.TeamPrefix, issued.Secret, StringComparison.Ordinal);
        Assert.NotNull(found);
        Assert.Equal(TokenKind.Team, found.Kind);
        Assert.Equal(team, found.Owner);
    }

    [Fact]
    public async Task FindAsync_UnknownSecret_ReturnsNull()
    {
        var ct = TestTimeout.Token();

        Assert.Null(await _stores.Tokens.FindAsync(TokenSecrets.Create(TokenKind.Personal), ct));
    }

    [Fact]
    public async Task IssueAsync_StoredRows_HoldTheHashButNeverTheSecret()
    {
        var ct = TestTimeout.Token();
        var issued = await _stores.Tokens.IssueAsync(TokenKind.Personal, NewUser(), "ci", null, "alice", ct);
        var randomPart = issued.Secret[TokenSecrets.PersonalPrefix.Length..];
        var table = await _stores.Table.GetAsync(ct);

        // Every row of the table, every partition: nothing anywhere may hold the secret or its random part.
        var all = await table.QueryAllAsync(new TableQuery(), ct);
        var strings = all.SelectMany(e => e.Select(p => p.Value).OfType<string>().Append(e.PartitionKey).Append(e.RowKey)).ToList();

        Assert.DoesNotContain(strings, s => s.Contains(randomPart, StringComparison.Ordinal));
        var rows = await RowsOfAsync(issued.Token.Id, ct);
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal(TokenSecrets.Hash(issued.Secret), r.GetString("Hash")));
        Assert.Equal(
            new[] { $"h|{TokenSecrets.Hash(issued.Secret)}", $"i|{issued.Token.Id}", $"o|{issued.Token.Owner}|{issued.Token.Id}" }.Order(StringComparer.Ordinal),
            rows.Select(r => r.RowKey).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ListAsync_Owner_ListsItsTokensOnly()
    {
        var ct = TestTimeout.Token();
        var owner = NewUser();
        var similar = PrincipalRef.User(owner.Name + "x");
        var first = await _stores.Tokens.IssueAsync(TokenKind.Personal, owner, "one", null, "alice", ct);
        var second = await _stores.Tokens.IssueAsync(TokenKind.Personal, owner, "two", null, "alice", ct);
        await _stores.Tokens.IssueAsync(TokenKind.Personal, similar, "other", null, "alice", ct);

        var listed = await _stores.Tokens.ListAsync(owner, ct);

        Assert.Equal(
            new[] { first.Token.Id, second.Token.Id }.Order(StringComparer.Ordinal),
            listed.Select(t => t.Id).Order(StringComparer.Ordinal));
        Assert.All(listed, t => Assert.Equal(owner, t.Owner));
        Assert.Empty(await _stores.Tokens.ListAsync(PrincipalRef.Team(owner.Name), ct));
    }

    [Fact]
    public async Task RevokeAsync_Token_RemovesAllThreeRowsAndFindReturnsNull()
    {
        var ct = TestTimeout.Token();
        var owner = NewUser();
        var issued = await _stores.Tokens.IssueAsync(TokenKind.Personal, owner, "ci", null, "alice", ct);
        var kept = await _stores.Tokens.IssueAsync(TokenKind.Personal, owner, "kept", null, "alice", ct);

        Assert.True(await _stores.Tokens.RevokeAsync(issued.Token.Id, ct));

        Assert.Empty(await RowsOfAsync(issued.Token.Id, ct));
        Assert.Null(await _stores.Tokens.FindAsync(issued.Secret, ct));
        Assert.Null(await _stores.Tokens.GetAsync(issued.Token.Id, ct));
        Assert.Equal([kept.Token.Id], (await _stores.Tokens.ListAsync(owner, ct)).Select(t => t.Id));
        Assert.NotNull(await _stores.Tokens.FindAsync(kept.Secret, ct));
        Assert.False(await _stores.Tokens.RevokeAsync(issued.Token.Id, ct));
    }

    [Fact]
    public async Task RevokeAllAsync_Owner_RevokesItsTokensOnly()
    {
        var ct = TestTimeout.Token();
        var owner = NewUser();
        var other = NewUser();
        var a = await _stores.Tokens.IssueAsync(TokenKind.Personal, owner, "a", null, "alice", ct);
        var b = await _stores.Tokens.IssueAsync(TokenKind.Personal, owner, "b", null, "alice", ct);
        var c = await _stores.Tokens.IssueAsync(TokenKind.Personal, other, "c", null, "alice", ct);

        await _stores.Tokens.RevokeAllAsync(owner, ct);

        Assert.Empty(await _stores.Tokens.ListAsync(owner, ct));
        Assert.Null(await _stores.Tokens.FindAsync(a.Secret, ct));
        Assert.Null(await _stores.Tokens.FindAsync(b.Secret, ct));
        Assert.NotNull(await _stores.Tokens.FindAsync(c.Secret, ct));
    }

    [Fact]
    public async Task FindAsync_LastUsedAt_IsSetOnFirstUseAndUpdatedOnlyAfterAMinute()
    {
        var ct = TestTimeout.Token();
        var owner = NewUser();
        var issued = await _stores.Tokens.IssueAsync(TokenKind.Personal, owner, "ci", null, "alice", ct);
        Assert.Null(issued.Token.LastUsedAt);
        Assert.Null((await _stores.Tokens.GetAsync(issued.Token.Id, ct))!.LastUsedAt);

        _stores.Clock.Advance(TimeSpan.FromSeconds(5));
        var firstUse = _stores.Clock.GetUtcNow();
        Assert.Equal(firstUse, (await _stores.Tokens.FindAsync(issued.Secret, ct))!.LastUsedAt);
        await AssertStoredLastUsedAsync(firstUse);

        _stores.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(firstUse, (await _stores.Tokens.FindAsync(issued.Secret, ct))!.LastUsedAt);
        await AssertStoredLastUsedAsync(firstUse);

        _stores.Clock.Advance(TimeSpan.FromSeconds(1));
        var minuteLater = _stores.Clock.GetUtcNow();
        Assert.Equal(minuteLater, (await _stores.Tokens.FindAsync(issued.Secret, ct))!.LastUsedAt);
        await AssertStoredLastUsedAsync(minuteLater);

        async Task AssertStoredLastUsedAsync(DateTimeOffset expected)
        {
            // All three rows move together: the hash row (FindAsync), the id row (GetAsync) and the owner row (ListAsync).
            Assert.All(await RowsOfAsync(issued.Token.Id, ct), r => Assert.Equal(expected, r.GetDateTimeOffset("LastUsedAt")));
            Assert.Equal(expected, (await _stores.Tokens.GetAsync(issued.Token.Id, ct))!.LastUsedAt);
            Assert.Equal(expected, Assert.Single(await _stores.Tokens.ListAsync(owner, ct)).LastUsedAt);
        }
    }

    [Fact]
    public async Task FindAsync_ExpiredToken_IsStillFoundAndReportsExpired()
    {
        var ct = TestTimeout.Token();
        var expires = _stores.Clock.GetUtcNow().AddHours(1);
        var issued = await _stores.Tokens.IssueAsync(TokenKind.Personal, NewUser(), "short", expires, "alice", ct);

        var before = await _stores.Tokens.FindAsync(issued.Secret, ct);
        _stores.Clock.Advance(TimeSpan.FromHours(1));
        var after = await _stores.Tokens.FindAsync(issued.Secret, ct);

        Assert.NotNull(before);
        Assert.False(before.IsExpired(expires.AddTicks(-1)));
        Assert.NotNull(after);
        Assert.Equal(expires, after.ExpiresAt);
        Assert.True(after.IsExpired(_stores.Clock.GetUtcNow()));
    }

    [Fact]
    public async Task StoreAsync_KnownHash_StoresATokenFindAsyncFinds()
    {
        var ct = TestTimeout.Token();
        var secret = TokenSecrets.Create(TokenKind.Personal);
        var token = new ApiToken("tok" + UniqueNames.Next(""), "configured", TokenKind.Personal, NewUser(), _stores.Clock.GetUtcNow(), null, null, "configuration");

        await _stores.Tokens.StoreAsync(token, TokenSecrets.Hash(secret), ct);

        Assert.Equal(token.Id, (await _stores.Tokens.FindAsync(secret, ct))?.Id);
        await Assert.ThrowsAsync<ResourceConflictException>(() => _stores.Tokens.StoreAsync(token, TokenSecrets.Hash(secret), ct));
    }
}

public sealed class EmbeddedTokenStoreTests(EmbeddedStorageBackend backend) : TokenStoreTests(backend), IClassFixture<EmbeddedStorageBackend>;

public sealed class AzuriteTokenStoreTests(AzuriteStorageBackend backend) : TokenStoreTests(backend), IClassFixture<AzuriteStorageBackend>;
