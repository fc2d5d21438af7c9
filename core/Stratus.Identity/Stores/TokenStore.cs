using Stratus.Identity.Principals;
using Stratus.Identity.Tokens;
using Stratus.Storage;
using Stratus.Storage.Tables;

namespace Stratus.Identity.Stores;

/// <summary>
/// API tokens, three rows each in the <c>token</c> partition, written and removed in one transaction: <c>h|sha256</c>
/// answers "whose token is this?" with one point read, <c>o|owner|id</c> lists an owner's tokens, <c>i|id</c> revokes
/// by id. No row holds the token itself.
/// </summary>
public sealed class TokenStore(IdentityTable identity, TimeProvider time)
{
    private const string Partition = "token";
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public async Task<IssuedToken> IssueAsync(TokenKind kind, PrincipalRef owner, string name, DateTimeOffset? expiresAt, string createdBy, CancellationToken cancellationToken)
    {
        var secret = TokenSecrets.Create(kind);
        var token = new ApiToken("tok" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8)), name, kind, owner, time.GetUtcNow(), expiresAt, null, createdBy);
        await StoreAsync(token, TokenSecrets.Hash(secret), cancellationToken);
        return new IssuedToken(token, secret);
    }

    /// <summary>Stores a token whose secret the caller already has (the bootstrap admin token given in configuration).</summary>
    public async Task StoreAsync(ApiToken token, string hash, CancellationToken cancellationToken)
    {
        var table = await identity.GetAsync(cancellationToken);
        await table.SubmitTransactionAsync(
        [
            TableTransactionAction.Insert(ToEntity(token, hash, $"h|{hash}")),
            TableTransactionAction.Insert(ToEntity(token, hash, $"o|{token.Owner}|{token.Id}")),
            TableTransactionAction.Insert(ToEntity(token, hash, $"i|{token.Id}")),
        ], cancellationToken);
    }

    /// <summary>The token a secret belongs to, or <c>null</c>. Expiry is the caller's check; last use is recorded here.</summary>
    public async Task<ApiToken?> FindAsync(string secret, CancellationToken cancellationToken)
    {
        var table = await identity.GetAsync(cancellationToken);
        var hash = TokenSecrets.Hash(secret);
        var entity = await table.GetAsync(Partition, $"h|{hash}", cancellationToken);
        if (entity is null)
        {
            return null;
        }

        var token = FromEntity(entity);
        var now = time.GetUtcNow();
        if (token.LastUsedAt is not { } last || now - last >= LastUsedResolution)
        {
            await TouchAsync(table, token, hash, now, cancellationToken);
            token = token with { LastUsedAt = now };
        }

        return token;
    }

    public async Task<ApiToken?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var table = await identity.GetAsync(cancellationToken);
        return await table.GetAsync(Partition, $"i|{id}", cancellationToken) is { } entity ? FromEntity(entity) : null;
    }

    public async Task<IReadOnlyList<ApiToken>> ListAsync(PrincipalRef owner, CancellationToken cancellationToken) =>
        (await identity.AllAsync(Partition, $"o|{owner}|", cancellationToken)).Select(FromEntity).ToList();

    /// <summary>One page of <see cref="ListAsync(PrincipalRef, CancellationToken)"/>.</summary>
    public async Task<IdentityPage<ApiToken>> ListAsync(PrincipalRef owner, int pageSize, string? continuationToken, CancellationToken cancellationToken) =>
        (await identity.PageAsync(Partition, $"o|{owner}|", pageSize, continuationToken, cancellationToken)).Select(FromEntity);

    public async Task<bool> RevokeAsync(string id, CancellationToken cancellationToken)
    {
        var table = await identity.GetAsync(cancellationToken);
        var entity = await table.GetAsync(Partition, $"i|{id}", cancellationToken);
        if (entity is null)
        {
            return false;
        }

        var hash = entity.GetString("Hash")!;
        try
        {
            await table.SubmitTransactionAsync(
            [
                TableTransactionAction.Delete(Partition, $"h|{hash}", Azure.ETag.All),
                TableTransactionAction.Delete(Partition, $"o|{entity.GetString("Owner")}|{id}", Azure.ETag.All),
                TableTransactionAction.Delete(Partition, $"i|{id}", Azure.ETag.All),
            ], cancellationToken);
            return true;
        }
        catch (ResourceNotFoundException)
        {
            return false;
        }
    }

    public async Task RevokeAllAsync(PrincipalRef owner, CancellationToken cancellationToken)
    {
        foreach (var token in await ListAsync(owner, cancellationToken))
        {
            await RevokeAsync(token.Id, cancellationToken);
        }
    }

    private static async Task TouchAsync(ITableClient table, ApiToken token, string hash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            await table.SubmitTransactionAsync(
            [
                TableTransactionAction.Merge(new TableEntity(Partition, $"h|{hash}") { ["LastUsedAt"] = now }, Azure.ETag.All),
                TableTransactionAction.Merge(new TableEntity(Partition, $"o|{token.Owner}|{token.Id}") { ["LastUsedAt"] = now }, Azure.ETag.All),
                TableTransactionAction.Merge(new TableEntity(Partition, $"i|{token.Id}") { ["LastUsedAt"] = now }, Azure.ETag.All),
            ], cancellationToken);
        }
        catch (ResourceNotFoundException)
        {
            // Revoked while in use: the next request finds nothing.
        }
    }

    private static TableEntity ToEntity(ApiToken token, string hash, string rowKey) => new(Partition, rowKey)
    {
        ["Id"] = token.Id,
        ["Name"] = token.Name,
        ["Kind"] = token.Kind.ToString(),
        ["Owner"] = token.Owner.ToString(),
        ["CreatedAt"] = token.CreatedAt,
        ["ExpiresAt"] = token.ExpiresAt,
        ["CreatedBy"] = token.CreatedBy,
        ["Hash"] = hash,
    };

    private static ApiToken FromEntity(TableEntity entity)
    {
        PrincipalRef.TryParse(entity.GetString("Owner"), out var owner, out _);
        return new ApiToken(
            entity.GetString("Id")!,
            entity.GetString("Name") ?? "",
            Enum.TryParse<TokenKind>(entity.GetString("Kind"), out var kind) ? kind : TokenKind.Personal,
            owner,
            entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
            entity.GetDateTimeOffset("ExpiresAt"),
            entity.GetDateTimeOffset("LastUsedAt"),
            entity.GetString("CreatedBy") ?? "");
    }
}
