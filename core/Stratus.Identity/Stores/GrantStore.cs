using System.Security.Cryptography;
using System.Text;
using Stratus.Identity.Authorization;
using Stratus.Identity.Principals;
using Stratus.Storage;
using Stratus.Storage.Tables;

namespace Stratus.Identity.Stores;

/// <summary>
/// Grants, stored twice in the <c>grant</c> partition and written in one transaction: <c>p|principal|id</c> so a request
/// reads a principal's grants with one range query, and <c>i|id</c> so a grant can be revoked by id.
/// </summary>
public sealed class GrantStore(IdentityTable identity)
{
    private const string Partition = "grant";

    public static string IdFor(PrincipalRef principal, string role, Scope scope) =>
        "g" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{principal}\n{role}\n{scope}")))[..19];

    /// <returns>The grant, and whether it was created now (<c>false</c>: it existed already).</returns>
    public async Task<(Grant Grant, bool Created)> AddAsync(PrincipalRef principal, string role, Scope scope, DateTimeOffset now, string createdBy, CancellationToken cancellationToken)
    {
        var grant = new Grant(IdFor(principal, role, scope), principal, role, scope, now, createdBy);
        var table = await identity.GetAsync(cancellationToken);
        try
        {
            await table.SubmitTransactionAsync(
            [
                TableTransactionAction.Insert(ToEntity(grant, $"p|{principal}|{grant.Id}")),
                TableTransactionAction.Insert(ToEntity(grant, $"i|{grant.Id}")),
            ], cancellationToken);
            return (grant, true);
        }
        catch (ResourceConflictException)
        {
            return (await GetAsync(grant.Id, cancellationToken) ?? grant, false);
        }
    }

    public async Task<Grant?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var table = await identity.GetAsync(cancellationToken);
        return await table.GetAsync(Partition, $"i|{id}", cancellationToken) is { } entity ? FromEntity(entity) : null;
    }

    public async Task<bool> RemoveAsync(string id, CancellationToken cancellationToken)
    {
        var grant = await GetAsync(id, cancellationToken);
        if (grant is null)
        {
            return false;
        }

        var table = await identity.GetAsync(cancellationToken);
        try
        {
            await table.SubmitTransactionAsync(
            [
                TableTransactionAction.Delete(Partition, $"p|{grant.Principal}|{id}", Azure.ETag.All),
                TableTransactionAction.Delete(Partition, $"i|{id}", Azure.ETag.All),
            ], cancellationToken);
            return true;
        }
        catch (ResourceNotFoundException)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<Grant>> ForPrincipalAsync(PrincipalRef principal, CancellationToken cancellationToken) =>
        (await identity.AllAsync(Partition, $"p|{principal}|", cancellationToken)).Select(FromEntity).ToList();

    /// <summary>Grants in id order, optionally only those of one role.</summary>
    public async Task<IdentityPage<Grant>> ListAsync(string? role, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        if (role is null)
        {
            return (await identity.PageAsync(Partition, "i|", pageSize, continuationToken, cancellationToken)).Select(FromEntity);
        }

        var all = await identity.AllAsync(Partition, "i|", cancellationToken);
        return new IdentityPage<Grant>(all.Select(FromEntity).Where(g => g.Role == role).ToList(), null);
    }

    public async Task<bool> AnyForRoleAsync(string role, CancellationToken cancellationToken) =>
        (await identity.AllAsync(Partition, "i|", cancellationToken)).Any(e => e.GetString("Role") == role);

    /// <summary>Revokes everything granted to a principal (when the user, team or token goes away).</summary>
    public async Task RemoveAllForAsync(PrincipalRef principal, CancellationToken cancellationToken)
    {
        foreach (var grant in await ForPrincipalAsync(principal, cancellationToken))
        {
            await RemoveAsync(grant.Id, cancellationToken);
        }
    }

    private static TableEntity ToEntity(Grant grant, string rowKey) => new(Partition, rowKey)
    {
        ["Id"] = grant.Id,
        ["Principal"] = grant.Principal.ToString(),
        ["Role"] = grant.Role,
        ["Scope"] = grant.Scope.ToString(),
        ["CreatedAt"] = grant.CreatedAt,
        ["CreatedBy"] = grant.CreatedBy,
    };

    private static Grant FromEntity(TableEntity entity)
    {
        PrincipalRef.TryParse(entity.GetString("Principal"), out var principal, out _);
        Scope.TryParse(entity.GetString("Scope"), out var scope, out _);
        return new Grant(entity.GetString("Id")!, principal, entity.GetString("Role")!, scope, entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue, entity.GetString("CreatedBy") ?? "");
    }
}
