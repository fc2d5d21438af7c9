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
