using Stratus.Identity.Principals;
using Stratus.Storage;
using Stratus.Storage.Tables;

namespace Stratus.Identity.Stores;

/// <summary>
/// Teams, their members and their identity-provider groups. Memberships are stored both ways (<c>t|team|user</c> and
/// <c>u|user|team</c>) in one partition and written in one transaction; so is the group index (<c>group|team</c>),
/// which lets a sign-in find its teams without scanning them all.
/// </summary>
public sealed class TeamStore(IdentityTable identity)
{
    private const string Partition = "team";
    private const string MemberPartition = "member";
    private const string GroupPartition = "group";

    public async Task<bool> CreateAsync(Team team, CancellationToken cancellationToken)
    {
        var table = await identity.GetAsync(cancellationToken);
        try
        {
            await table.InsertAsync(ToEntity(team), cancellationToken);
        }
        catch (ResourceConflictException)
        {
            return false;
        }

        await IndexGroupsAsync(team.Name, [], team.Groups, cancellationToken);
        return true;
    }

    public async Task<Team?> GetAsync(string name, CancellationToken cancellationToken)
    {
        var table = await identity.GetAsync(cancellationToken);
        return await table.GetAsync(Partition, name, cancellationToken) is { } entity ? FromEntity(entity) : null;
    }

    public async Task<IdentityPage<Team>> ListAsync(int pageSize, string? continuationToken, CancellationToken cancellationToken) =>
        (await identity.PageAsync(Partition, "", pageSize, continuationToken, cancellationToken)).Select(FromEntity);

    /// <returns>The updated team, or <c>null</c> if there is none.</returns>
    public async Task<Team?> UpdateAsync(string name, string? description, IReadOnlyList<string>? groups, CancellationToken cancellationToken)
    {
        var table = await identity.GetAsync(cancellationToken);
        while (true)
        {
            var entity = await table.GetAsync(Partition, name, cancellationToken);
            if (entity is null)
            {
                return null;
            }

            var current = FromEntity(entity);
            var updated = current with { Description = description ?? current.Description, Groups = groups ?? current.Groups };
            try
            {
                await table.ReplaceAsync(ToEntity(updated), entity.ETag, cancellationToken);
            }
            catch (PreconditionFailedException)
            {
                continue;
            }

            await IndexGroupsAsync(name, current.Groups, updated.Groups, cancellationToken);
            return updated;
        }
    }

    /// <summary>Removes the team, its memberships and its group index rows. The caller removes its grants and tokens first.</summary>
    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        var team = await GetAsync(name, cancellationToken);
        if (team is null)
        {
            return false;
        }

        foreach (var member in await ListMembersAsync(name, cancellationToken))
        {
            await RemoveMemberAsync(name, member, cancellationToken);
        }

        await IndexGroupsAsync(name, team.Groups, [], cancellationToken);
        var table = await identity.GetAsync(cancellationToken);
        try
        {
            await table.DeleteAsync(Partition, name, Azure.ETag.All, cancellationToken);
        }
        catch (ResourceNotFoundException)
        {
            return false;
        }

        return true;
    }

    /// <returns><c>false</c> if the user was already a member.</returns>
    public async Task<bool> AddMemberAsync(string team, string user, DateTimeOffset now, string addedBy, CancellationToken cancellationToken)
    {
        var table = await identity.GetAsync(cancellationToken);
        try
        {
            await table.SubmitTransactionAsync(
            [
                TableTransactionAction.Insert(new TableEntity(MemberPartition, $"t|{team}|{user}") { ["AddedAt"] = now, ["AddedBy"] = addedBy }),
                TableTransactionAction.Insert(new TableEntity(MemberPartition, $"u|{user}|{team}") { ["AddedAt"] = now, ["AddedBy"] = addedBy }),
            ], cancellationToken);
            return true;
        }
        catch (ResourceConflictException)
        {
            return false;
        }
    }

    /// <returns><c>false</c> if the user was not a member.</returns>
    public async Task<bool> RemoveMemberAsync(string team, string user, CancellationToken cancellationToken)
    {
        var table = await identity.GetAsync(cancellationToken);
        try
        {
            await table.SubmitTransactionAsync(
            [
                TableTransactionAction.Delete(MemberPartition, $"t|{team}|{user}", Azure.ETag.All),
                TableTransactionAction.Delete(MemberPartition, $"u|{user}|{team}", Azure.ETag.All),
            ], cancellationToken);
            return true;
        }
        catch (ResourceNotFoundException)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<string>> ListMembersAsync(string team, CancellationToken cancellationToken) =>
        (await identity.AllAsync(MemberPartition, $"t|{team}|", cancellationToken)).Select(e => e.RowKey[(team.Length + 3)..]).ToList();

    /// <summary>The teams a user belongs to: local memberships plus teams that list one of the user's groups.</summary>
    public async Task<IReadOnlyList<string>> TeamsOfAsync(string user, IReadOnlyList<string> groups, CancellationToken cancellationToken)
    {
        var teams = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var entity in await identity.AllAsync(MemberPartition, $"u|{user}|", cancellationToken))
        {
            teams.Add(entity.RowKey[(user.Length + 3)..]);
        }

        foreach (var group in groups.Where(g => GroupNames.Problem(g) is null))
        {
            foreach (var entity in await identity.AllAsync(GroupPartition, group + "|", cancellationToken))
            {
                teams.Add(entity.RowKey[(group.Length + 1)..]);
            }
        }

        return teams.ToList();
    }

    private async Task IndexGroupsAsync(string team, IReadOnlyList<string> before, IReadOnlyList<string> after, CancellationToken cancellationToken)
    {
        var table = await identity.GetAsync(cancellationToken);
        foreach (var group in after.Except(before, StringComparer.Ordinal))
        {
            await table.UpsertAsync(new TableEntity(GroupPartition, $"{group}|{team}"), cancellationToken: cancellationToken);
        }

        foreach (var group in before.Except(after, StringComparer.Ordinal))
        {
            try
            {
                await table.DeleteAsync(GroupPartition, $"{group}|{team}", Azure.ETag.All, cancellationToken);
            }
            catch (ResourceNotFoundException)
            {
                // Already gone: an earlier attempt got this far.
            }
        }
    }

    private static TableEntity ToEntity(Team team) => new(Partition, team.Name)
    {
        ["Description"] = team.Description,
        ["Groups"] = team.Groups.Count == 0 ? null : IdentityValues.Join(team.Groups),
        ["CreatedAt"] = team.CreatedAt,
        ["CreatedBy"] = team.CreatedBy,
    };

    private static Team FromEntity(TableEntity entity) => new(
        entity.RowKey,
        entity.GetString("Description"),
        IdentityValues.Split(entity.GetString("Groups")),
        entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        entity.GetString("CreatedBy") ?? "");
}
