using Stratus.Identity.Principals;
using Stratus.Storage;
using Stratus.Storage.Tables;

namespace Stratus.Identity.Stores;

/// <summary>
/// Teams, their members and their identity-provider groups. Memberships are stored both ways (<c>t|team|user</c> and
/// <c>u|user|team</c>) in one partition and written in one transaction; so is the group index (<c>group|team</c>),
/// which lets a sign-in find its teams without scanning them all. Every key holds the team's <see cref="TeamNames.Key"/>
/// (lower case), so names differing only in case are one team; the name as written is kept in a <c>Name</c> column on
/// the team and a <c>TeamName</c> column on membership and group rows.
/// </summary>
public sealed class TeamStore(IdentityTable identity)
{
    private const string Partition = "team";
    private const string MemberPartition = "member";
    private const string GroupPartition = "group";
    private const string NameColumn = "Name";
    private const string TeamNameColumn = "TeamName";

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
        return await table.GetAsync(Partition, TeamNames.Key(name), cancellationToken) is { } entity ? FromEntity(entity) : null;
    }

    public async Task<IdentityPage<Team>> ListAsync(int pageSize, string? continuationToken, CancellationToken cancellationToken) =>
        (await identity.PageAsync(Partition, "", pageSize, continuationToken, cancellationToken)).Select(FromEntity);

    /// <returns>The updated team, or <c>null</c> if there is none.</returns>
    public async Task<Team?> UpdateAsync(string name, string? description, IReadOnlyList<string>? groups, CancellationToken cancellationToken)
    {
        var table = await identity.GetAsync(cancellationToken);
        while (true)
        {
            var entity = await table.GetAsync(Partition, TeamNames.Key(name), cancellationToken);
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

            await IndexGroupsAsync(current.Name, current.Groups, updated.Groups, cancellationToken);
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

        await IndexGroupsAsync(team.Name, team.Groups, [], cancellationToken);
        var table = await identity.GetAsync(cancellationToken);
        try
        {
            await table.DeleteAsync(Partition, TeamNames.Key(name), Azure.ETag.All, cancellationToken);
        }
        catch (ResourceNotFoundException)
        {
            return false;
        }

        return true;
    }

    /// <param name="team">The team's name as written when it was created (<see cref="Team.Name"/>); sign-ins list it so.</param>
    /// <returns><c>false</c> if the user was already a member.</returns>
    public async Task<bool> AddMemberAsync(string team, string user, DateTimeOffset now, string addedBy, CancellationToken cancellationToken)
    {
        var table = await identity.GetAsync(cancellationToken);
        var key = TeamNames.Key(team);
        try
        {
            await table.SubmitTransactionAsync(
            [
                TableTransactionAction.Insert(new TableEntity(MemberPartition, $"t|{key}|{user}") { ["AddedAt"] = now, ["AddedBy"] = addedBy }),
                TableTransactionAction.Insert(new TableEntity(MemberPartition, $"u|{user}|{key}") { ["AddedAt"] = now, ["AddedBy"] = addedBy, [TeamNameColumn] = team }),
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
        var key = TeamNames.Key(team);
        try
        {
            await table.SubmitTransactionAsync(
            [
                TableTransactionAction.Delete(MemberPartition, $"t|{key}|{user}", Azure.ETag.All),
                TableTransactionAction.Delete(MemberPartition, $"u|{user}|{key}", Azure.ETag.All),
            ], cancellationToken);
            return true;
        }
        catch (ResourceNotFoundException)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<string>> ListMembersAsync(string team, CancellationToken cancellationToken)
    {
        var key = TeamNames.Key(team);
        return (await identity.AllAsync(MemberPartition, $"t|{key}|", cancellationToken)).Select(e => e.RowKey[(key.Length + 3)..]).ToList();
    }

    /// <summary>
    /// The teams a user belongs to, by their names as written: local memberships plus teams that list one of the
    /// user's groups. Rows written before names kept their case have no name column; their key is the name.
    /// </summary>
    public async Task<IReadOnlyList<string>> TeamsOfAsync(string user, IReadOnlyList<string> groups, CancellationToken cancellationToken)
    {
        var teams = new SortedSet<string>(TeamNames.Comparer);
        foreach (var entity in await identity.AllAsync(MemberPartition, $"u|{user}|", cancellationToken))
        {
            teams.Add(entity.GetString(TeamNameColumn) ?? entity.RowKey[(user.Length + 3)..]);
        }

        foreach (var group in groups.Where(g => GroupNames.Problem(g) is null))
        {
            foreach (var entity in await identity.AllAsync(GroupPartition, group + "|", cancellationToken))
            {
                teams.Add(entity.GetString(TeamNameColumn) ?? entity.RowKey[(group.Length + 1)..]);
            }
        }

        return teams.ToList();
    }

    private async Task IndexGroupsAsync(string team, IReadOnlyList<string> before, IReadOnlyList<string> after, CancellationToken cancellationToken)
    {
        var table = await identity.GetAsync(cancellationToken);
        var key = TeamNames.Key(team);
        foreach (var group in after.Except(before, StringComparer.Ordinal))
        {
            await table.UpsertAsync(new TableEntity(GroupPartition, $"{group}|{key}") { [TeamNameColumn] = team }, cancellationToken: cancellationToken);
        }

        foreach (var group in before.Except(after, StringComparer.Ordinal))
        {
            try
            {
                await table.DeleteAsync(GroupPartition, $"{group}|{key}", Azure.ETag.All, cancellationToken);
            }
            catch (ResourceNotFoundException)
            {
                // Already gone: an earlier attempt got this far.
            }
        }
    }

    private static TableEntity ToEntity(Team team) => new(Partition, TeamNames.Key(team.Name))
    {
        [NameColumn] = team.Name,
        ["Description"] = team.Description,
        ["Groups"] = team.Groups.Count == 0 ? null : IdentityValues.Join(team.Groups),
        ["CreatedAt"] = team.CreatedAt,
        ["CreatedBy"] = team.CreatedBy,
    };

    private static Team FromEntity(TableEntity entity) => new(
        entity.GetString(NameColumn) ?? entity.RowKey,
        entity.GetString("Description"),
        IdentityValues.Split(entity.GetString("Groups")),
        entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        entity.GetString("CreatedBy") ?? "");
}
