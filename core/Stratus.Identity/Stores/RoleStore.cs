using Stratus.Identity.Authorization;
using Stratus.Storage;
using Stratus.Storage.Tables;

namespace Stratus.Identity.Stores;

/// <summary>Custom roles, next to the built-in ones (which are code, not rows, and cannot be shadowed).</summary>
public sealed class RoleStore(IdentityTable identity)
{
    private const string Partition = "role";

    public async Task<Role?> GetAsync(string name, CancellationToken cancellationToken)
    {
        if (BuiltInRoles.Find(name) is { } builtIn)
        {
            return builtIn;
        }

        var table = await identity.GetAsync(cancellationToken);
        return await table.GetAsync(Partition, name, cancellationToken) is { } entity ? FromEntity(entity) : null;
    }

    /// <summary>Every role: the built-in ones first, then the custom ones by name.</summary>
    public async Task<IReadOnlyList<Role>> ListAsync(CancellationToken cancellationToken) =>
        [.. BuiltInRoles.All, .. (await identity.AllAsync(Partition, "", cancellationToken)).Select(FromEntity)];

    /// <summary>
    /// One page of <see cref="ListAsync(CancellationToken)"/>. The token says which part it continues: <c>b{index}</c>
    /// the built-in roles from that index, <c>c{store token}</c> the custom rows (from the start when the rest is empty).
    /// </summary>
    /// <exception cref="InvalidStorageRequestException"><paramref name="continuationToken"/> is not one this list returned.</exception>
    public async Task<IdentityPage<Role>> ListAsync(int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var items = new List<Role>();
        string? customToken = null;
        if (continuationToken is null || continuationToken.StartsWith('b'))
        {
            var from = continuationToken is null ? 0 : BuiltInIndex(continuationToken);
            items.AddRange(BuiltInRoles.All.Skip(from).Take(pageSize));
            if (from + items.Count < BuiltInRoles.All.Count)
            {
                return new IdentityPage<Role>(items, $"b{from + items.Count}");
            }
        }
        else if (continuationToken.StartsWith('c'))
        {
            customToken = continuationToken.Length == 1 ? null : continuationToken[1..];
        }
        else
        {
            throw NotOurs();
        }

        if (items.Count == pageSize)
        {
            return new IdentityPage<Role>(items, "c");
        }

        var custom = await identity.PageAsync(Partition, "", pageSize - items.Count, customToken, cancellationToken);
        items.AddRange(custom.Items.Select(FromEntity));
        return new IdentityPage<Role>(items, custom.ContinuationToken is { } next ? $"c{next}" : null);
    }

    private static int BuiltInIndex(string token) =>
        int.TryParse(token.AsSpan(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index) && index < BuiltInRoles.All.Count
            ? index
            : throw NotOurs();

    private static InvalidStorageRequestException NotOurs() => new("InvalidInput", "The continuation token is not one the role list returned.");

    public async Task<bool> CreateAsync(Role role, CancellationToken cancellationToken)
    {
        if (BuiltInRoles.Find(role.Name) is not null)
        {
            return false;
        }

        var table = await identity.GetAsync(cancellationToken);
        try
        {
            await table.InsertAsync(ToEntity(role), cancellationToken);
            return true;
        }
        catch (ResourceConflictException)
        {
            return false;
        }
    }

    /// <returns><c>false</c> if there is no such custom role.</returns>
    public async Task<bool> ReplaceAsync(Role role, CancellationToken cancellationToken)
    {
        var table = await identity.GetAsync(cancellationToken);
        try
        {
            await table.ReplaceAsync(ToEntity(role), Azure.ETag.All, cancellationToken);
            return true;
        }
        catch (ResourceNotFoundException)
        {
            return false;
        }
    }

    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        var table = await identity.GetAsync(cancellationToken);
        try
        {
            await table.DeleteAsync(Partition, name, Azure.ETag.All, cancellationToken);
            return true;
        }
        catch (ResourceNotFoundException)
        {
            return false;
        }
    }

    private static TableEntity ToEntity(Role role) => new(Partition, role.Name)
    {
        ["Description"] = role.Description,
        ["Permissions"] = IdentityValues.Join(role.Permissions),
    };

    private static Role FromEntity(TableEntity entity) =>
        new(entity.RowKey, entity.GetString("Description") ?? "", IdentityValues.Split(entity.GetString("Permissions")));
}
