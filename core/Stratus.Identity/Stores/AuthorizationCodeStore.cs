using System.Security.Cryptography;
using Stratus.Storage;
using Stratus.Storage.Tables;

namespace Stratus.Identity.Stores;

/// <summary>
/// OAuth authorization codes (terraform login's authorization code grant), one row each in the <c>authcode</c>
/// partition under the code's SHA-256, so no row holds a usable code. A code lives <see cref="Lifetime"/> and is
/// redeemed once: the redeeming read deletes the row under its ETag, so two concurrent redemptions get one grant.
/// </summary>
public sealed class AuthorizationCodeStore(IdentityTable identity, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);
    private const string Partition = "authcode";

    /// <summary>Stores <paramref name="grant"/> and returns the code that redeems it.</summary>
    public async Task<string> IssueAsync(AuthorizationGrant grant, CancellationToken cancellationToken)
    {
        var code = Base64Url(RandomNumberGenerator.GetBytes(32));
        var table = await identity.GetAsync(cancellationToken);
        await table.InsertAsync(new TableEntity(Partition, Hash(code))
        {
            ["UserName"] = grant.UserName,
            ["ClientId"] = grant.ClientId,
            ["RedirectUri"] = grant.RedirectUri,
            ["CodeChallenge"] = grant.CodeChallenge,
            ["ExpiresAt"] = time.GetUtcNow() + Lifetime,
        }, cancellationToken);
        return code;
    }

    /// <summary>The grant <paramref name="code"/> stands for, once; null when unknown, expired or already redeemed.</summary>
    public async Task<AuthorizationGrant?> RedeemAsync(string code, CancellationToken cancellationToken)
    {
        var table = await identity.GetAsync(cancellationToken);
        var entity = await table.GetAsync(Partition, Hash(code), cancellationToken);
        if (entity is null)
        {
            return null;
        }

        try
        {
            await table.DeleteAsync(Partition, entity.RowKey, entity.ETag, cancellationToken);
        }
        catch (Exception ex) when (ex is PreconditionFailedException or ResourceNotFoundException)
        {
            // A concurrent redemption won.
            return null;
        }

        return entity.GetDateTimeOffset("ExpiresAt") > time.GetUtcNow()
            ? new AuthorizationGrant(entity.GetString("UserName")!, entity.GetString("ClientId")!, entity.GetString("RedirectUri")!, entity.GetString("CodeChallenge")!)
            : null;
    }

    /// <summary>The PKCE S256 challenge of <paramref name="verifier"/> (RFC 7636): base64url(SHA-256(ASCII(verifier))).</summary>
    public static string S256(string verifier) => Base64Url(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(verifier)));

    private static string Hash(string code) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(code)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
