using Stratus.Identity.Principals;
using Stratus.Storage;
using Stratus.Storage.Tables;

namespace Stratus.Identity.Stores;

/// <summary>Users: one row each in the <c>user</c> partition; the password hash never leaves this class except to be verified.</summary>
public sealed class UserStore(IdentityTable identity)
{
    private const string Partition = "user";
    private static readonly string TimingDecoy = PasswordHasher.Hash(Guid.NewGuid().ToString());

    /// <returns><c>false</c> if a user with the name exists.</returns>
    public async Task<bool> CreateAsync(User user, string? password, CancellationToken cancellationToken)
    {
        var table = await identity.GetAsync(cancellationToken);
        var entity = ToEntity(user);
        entity["PasswordHash"] = password is null ? null : PasswordHasher.Hash(password);
        try
        {
            await table.InsertAsync(entity, cancellationToken);
            return true;
        }
        catch (ResourceConflictException)
        {
            return false;
        }
    }

    public async Task<User?> GetAsync(string name, CancellationToken cancellationToken)
    {
        var table = await identity.GetAsync(cancellationToken);
        return await table.GetAsync(Partition, name, cancellationToken) is { } entity ? FromEntity(entity) : null;
    }

    public async Task<bool> VerifyPasswordAsync(string name, string password, CancellationToken cancellationToken)
    {
        var table = await identity.GetAsync(cancellationToken);
        var entity = await table.GetAsync(Partition, name, cancellationToken);
        if (entity?.GetString("PasswordHash") is not { } hash)
        {
            // Spend the same time as a real check, so response times do not tell which user names exist.
            PasswordHasher.Verify(password, TimingDecoy);
            return false;
        }

        return PasswordHasher.Verify(password, hash) && entity.GetBoolean("Disabled") != true;
    }

    public async Task<IdentityPage<User>> ListAsync(int pageSize, string? continuationToken, CancellationToken cancellationToken) =>
        (await identity.PageAsync(Partition, "", pageSize, continuationToken, cancellationToken)).Select(FromEntity);

    /// <summary>Changes a user; <c>null</c> arguments keep the current value.</summary>
    /// <returns>The updated user, or <c>null</c> if there is none.</returns>
    public async Task<User?> UpdateAsync(string name, string? displayName, string? email, bool? disabled, string? password, CancellationToken cancellationToken)
    {
        var table = await identity.GetAsync(cancellationToken);
        var entity = new TableEntity(Partition, name)
        {
            ["DisplayName"] = displayName,
            ["Email"] = email,
            ["Disabled"] = disabled,
            ["PasswordHash"] = password is null ? null : PasswordHasher.Hash(password),
        };
        try
        {
            await table.MergeAsync(entity, Azure.ETag.All, cancellationToken);
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }

        return await GetAsync(name, cancellationToken);
    }

    /// <summary>
    /// Records an identity-provider user as last seen, keeping what an admin set (disabled stays disabled, and a disabled
    /// user's groups are left as they were).
    /// </summary>
    /// <returns>The user, or <c>null</c> if the name belongs to a local user, which a provider's token must never take over.</returns>
    public async Task<User?> RecordOidcSignInAsync(string name, string? displayName, string? email, IReadOnlyList<string> groups, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = await identity.GetAsync(cancellationToken);
        var existing = await table.GetAsync(Partition, name, cancellationToken);
        if (existing is null)
        {
            var user = new User(name, displayName, email, User.OidcSource, Disabled: false, now, "oidc", groups);
            if (await CreateAsync(user, password: null, cancellationToken))
            {
                return user;
            }

            existing = await table.GetAsync(Partition, name, cancellationToken);
        }

        var current = FromEntity(existing!);
        if (current.Source != User.OidcSource)
        {
            return null;
        }

        if (!current.Disabled && !current.Groups.SequenceEqual(groups, StringComparer.Ordinal))
        {
            await table.MergeAsync(new TableEntity(Partition, name) { ["Groups"] = IdentityValues.Join(groups) }, Azure.ETag.All, cancellationToken);
            current = current with { Groups = groups };
        }

        return current;
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

    private static TableEntity ToEntity(User user) => new(Partition, user.Name)
    {
        ["DisplayName"] = user.DisplayName,
        ["Email"] = user.Email,
        ["Source"] = user.Source,
        ["Disabled"] = user.Disabled,
        ["CreatedAt"] = user.CreatedAt,
        ["CreatedBy"] = user.CreatedBy,
        ["Groups"] = user.Groups.Count == 0 ? null : IdentityValues.Join(user.Groups),
    };

    private static User FromEntity(TableEntity entity) => new(
        entity.RowKey,
        entity.GetString("DisplayName"),
        entity.GetString("Email"),
        entity.GetString("Source") ?? User.LocalSource,
        entity.GetBoolean("Disabled") ?? false,
        entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        entity.GetString("CreatedBy") ?? "",
        IdentityValues.Split(entity.GetString("Groups")));
}
