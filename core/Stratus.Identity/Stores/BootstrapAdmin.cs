using Stratus.Identity.Authorization;
using Stratus.Identity.Principals;
using Stratus.Identity.Tokens;
using Stratus.Storage;
using Stratus.Storage.Tables;

namespace Stratus.Identity.Stores;

/// <summary>
/// The first admin of a new store: user <c>admin</c> with the admin role globally and a token that is shown once.
/// Several instances may start at once; a marker row decides which one issues the token. A winner that dies before
/// finishing leaves the marker unfinished, and a later start takes over after <see cref="TakeoverAfter"/>.
/// </summary>
public sealed class BootstrapAdmin(IdentityTable identity, UserStore users, GrantStore grants, TokenStore tokens, TimeProvider time)
{
    public const string UserName = "admin";
    public const string TokenName = "bootstrap";
    private const string Partition = "system";
    private const string MarkerKey = "bootstrap";
    private static readonly TimeSpan TakeoverAfter = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Makes sure the admin exists. With <paramref name="configuredToken"/> (automation, tests) its hash is stored and
    /// nothing is printed; otherwise a new token is issued on the very first start only.
    /// </summary>
    /// <returns>The token to show the operator, or <c>null</c> when there is nothing new to show.</returns>
    public async Task<string?> EnsureAsync(string? configuredToken, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await users.CreateAsync(new User(UserName, "Bootstrap admin", null, User.LocalSource, false, now, "bootstrap", []), password: null, cancellationToken);
        await grants.AddAsync(PrincipalRef.User(UserName), BuiltInRoles.Admin, Scope.Global, now, "bootstrap", cancellationToken);

        if (configuredToken is not null)
        {
            if (await tokens.FindAsync(configuredToken, cancellationToken) is null)
            {
                var token = new ApiToken("tokbootstrap", TokenName, TokenKind.Personal, PrincipalRef.User(UserName), now, null, null, "configuration");
                try
                {
                    await tokens.StoreAsync(token, TokenSecrets.Hash(configuredToken), cancellationToken);
                }
                catch (ResourceConflictException)
                {
                    // Another instance stored it, or the configured token changed: the old one stays until revoked.
                }
            }

            return null;
        }

        var table = await identity.GetAsync(cancellationToken);
        var marker = await table.GetAsync(Partition, MarkerKey, cancellationToken);
        try
        {
            if (marker is null)
            {
                await table.InsertAsync(new TableEntity(Partition, MarkerKey) { ["StartedAt"] = now, ["Done"] = false }, cancellationToken);
            }
            else if (marker.GetBoolean("Done") == true || now - (marker.GetDateTimeOffset("StartedAt") ?? now) < TakeoverAfter)
            {
                return null;
            }
            else
            {
                await table.ReplaceAsync(new TableEntity(Partition, MarkerKey) { ["StartedAt"] = now, ["Done"] = false }, marker.ETag, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is ResourceConflictException or PreconditionFailedException)
        {
            return null;
        }

        var issued = await tokens.IssueAsync(TokenKind.Personal, PrincipalRef.User(UserName), TokenName, expiresAt: null, "bootstrap", cancellationToken);
        await table.MergeAsync(new TableEntity(Partition, MarkerKey) { ["Done"] = true, ["TokenId"] = issued.Token.Id }, Azure.ETag.All, cancellationToken);
        return issued.Secret;
    }
}
