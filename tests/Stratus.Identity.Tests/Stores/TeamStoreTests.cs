using Stratus.Identity.Principals;
using Stratus.Testing;
using Stratus.Testing.Storage;

namespace Stratus.Identity.Tests.Stores;

public abstract class TeamStoreTests(StorageBackend backend)
{
    private readonly IdentityStores _stores = new(backend.Account);

    private Team NewTeam(params string[] groups) =>
        new(UniqueNames.Next("t"), "A team.", groups, _stores.Clock.GetUtcNow(), "alice");

    // Group ids as Entra gives them: mixed case and spaces are fine, key separators are not.
    private static string NewGroup() => "Group " + Guid.NewGuid().ToString("D").ToUpperInvariant();

    [Fact]
    public async Task CreateAsync_NewTeam_IsReadBackAndASecondCreateIsRefused()
    {
        var ct = TestTimeout.Token();
        var team = NewTeam(NewGroup(), NewGroup());

        Assert.True(await _stores.Teams.CreateAsync(team, ct));
        var read = await _stores.Teams.GetAsync(team.Name, ct);

        Assert.NotNull(read);
        Assert.Equal(team.Name, read.Name);
        Assert.Equal(team.Description, read.Description);
        Assert.Equal(team.Groups, read.Groups);
        Assert.Equal(team.CreatedAt, read.CreatedAt);
        Assert.Equal(team.CreatedBy, read.CreatedBy);
        Assert.False(await _stores.Teams.CreateAsync(team with { Description = "Another." }, ct));
        Assert.Equal("A team.", (await _stores.Teams.GetAsync(team.Name, ct))!.Description);
    }

    [Fact]
    public async Task CreateAsync_UpperCaseName_KeepsItsCaseAndIsFoundAndRefusedInAnyCase()
    {
        var ct = TestTimeout.Token();
        var name = UniqueNames.Next("TERRAFORM_CLI").ToUpperInvariant();
        var team = new Team(name, null, [], _stores.Clock.GetUtcNow(), "alice");

        Assert.True(await _stores.Teams.CreateAsync(team, ct));

        Assert.Equal(name, (await _stores.Teams.GetAsync(name.ToLowerInvariant(), ct))?.Name);
        Assert.False(await _stores.Teams.CreateAsync(team with { Name = name.ToLowerInvariant() }, ct));
    }

    [Fact]
    public async Task AddMemberAsync_UpperCaseTeam_MembershipListsTheNameAsWrittenAndIsFoundInAnyCase()
    {
        var ct = TestTimeout.Token();
        var name = UniqueNames.Next("CLI_").ToUpperInvariant();
        var group = NewGroup();
        var user = UniqueNames.Next("u");
        await _stores.Teams.CreateAsync(new Team(name, null, [group], _stores.Clock.GetUtcNow(), "alice"), ct);

        Assert.True(await _stores.Teams.AddMemberAsync(name, user, _stores.Clock.GetUtcNow(), "admin", ct));

        Assert.Equal([name], await _stores.Teams.TeamsOfAsync(user, [group], ct));
        Assert.Equal([user], await _stores.Teams.ListMembersAsync(name.ToLowerInvariant(), ct));
        Assert.False(await _stores.Teams.AddMemberAsync(name.ToLowerInvariant(), user, _stores.Clock.GetUtcNow(), "admin", ct));
        Assert.True(await _stores.Teams.RemoveMemberAsync(name.ToLowerInvariant(), user, ct));
        Assert.True(await _stores.Teams.DeleteAsync(name.ToLowerInvariant(), ct));
        Assert.Empty(await _stores.Teams.TeamsOfAsync(user, [group], ct));
    }

    [Fact]
    public async Task GetAsync_UnknownTeam_ReturnsNull()
    {
        var ct = TestTimeout.Token();

        Assert.Null(await _stores.Teams.GetAsync(UniqueNames.Next("t"), ct));
    }

    [Fact]
    public async Task TeamsOfAsync_UserInAGroup_FindsTheTeamThroughTheGroupIndex()
    {
        var ct = TestTimeout.Token();
        var group = NewGroup();
        var team = NewTeam(group);
        var other = NewTeam(NewGroup());
        await _stores.Teams.CreateAsync(team, ct);
        await _stores.Teams.CreateAsync(other, ct);
        var user = UniqueNames.Next("u");

        Assert.Equal([team.Name], await _stores.Teams.TeamsOfAsync(user, [group], ct));
        Assert.Empty(await _stores.Teams.TeamsOfAsync(user, [NewGroup()], ct));
        Assert.Empty(await _stores.Teams.TeamsOfAsync(user, [], ct));
    }

    [Fact]
    public async Task TeamsOfAsync_InvalidGroup_IsIgnored()
    {
        var ct = TestTimeout.Token();

        Assert.Empty(await _stores.Teams.TeamsOfAsync(UniqueNames.Next("u"), ["a/b", "", "x|y"], ct));
    }

    [Fact]
    public async Task UpdateAsync_NewGroups_ReplacesTheGroupIndex()
    {
        var ct = TestTimeout.Token();
        var (old, kept, added) = (NewGroup(), NewGroup(), NewGroup());
        var team = NewTeam(old, kept);
        await _stores.Teams.CreateAsync(team, ct);
        var user = UniqueNames.Next("u");

        var updated = await _stores.Teams.UpdateAsync(team.Name, description: null, [kept, added], ct);

        Assert.NotNull(updated);
        Assert.Equal("A team.", updated.Description);
        Assert.Equal([kept, added], updated.Groups);
        Assert.Equal([kept, added], (await _stores.Teams.GetAsync(team.Name, ct))!.Groups);
        Assert.Empty(await _stores.Teams.TeamsOfAsync(user, [old], ct));
        Assert.Equal([team.Name], await _stores.Teams.TeamsOfAsync(user, [kept], ct));
        Assert.Equal([team.Name], await _stores.Teams.TeamsOfAsync(user, [added], ct));
        Assert.DoesNotContain(await _stores.RowsAsync("group", ct), e => e.RowKey == $"{old}|{team.Name}");
    }

    [Fact]
    public async Task UpdateAsync_DescriptionOnly_KeepsGroups()
    {
        var ct = TestTimeout.Token();
        var group = NewGroup();
        var team = NewTeam(group);
        await _stores.Teams.CreateAsync(team, ct);

        var updated = await _stores.Teams.UpdateAsync(team.Name, "Renamed.", groups: null, ct);

        Assert.Equal("Renamed.", updated?.Description);
        Assert.Equal([group], (await _stores.Teams.GetAsync(team.Name, ct))!.Groups);
        Assert.Equal([team.Name], await _stores.Teams.TeamsOfAsync("nobody", [group], ct));
    }

    [Fact]
    public async Task UpdateAsync_UnknownTeam_ReturnsNull()
    {
        var ct = TestTimeout.Token();

        Assert.Null(await _stores.Teams.UpdateAsync(UniqueNames.Next("t"), "x", [], ct));
    }

    [Fact]
    public async Task AddMemberAsync_User_IsListedBothWays()
    {
        var ct = TestTimeout.Token();
        var team = NewTeam();
        var similar = team with { Name = team.Name + "x" };
        await _stores.Teams.CreateAsync(team, ct);
        await _stores.Teams.CreateAsync(similar, ct);
        var (alice, bob) = (UniqueNames.Next("alice"), UniqueNames.Next("bob"));
        var now = _stores.Clock.GetUtcNow();

        Assert.True(await _stores.Teams.AddMemberAsync(team.Name, alice, now, "admin", ct));
        Assert.True(await _stores.Teams.AddMemberAsync(team.Name, bob, now, "admin", ct));
        Assert.True(await _stores.Teams.AddMemberAsync(similar.Name, bob, now, "admin", ct));
        Assert.False(await _stores.Teams.AddMemberAsync(team.Name, alice, now, "admin", ct));

        Assert.Equal(new[] { alice, bob }.Order(StringComparer.Ordinal), await _stores.Teams.ListMembersAsync(team.Name, ct));
        Assert.Equal([bob], await _stores.Teams.ListMembersAsync(similar.Name, ct));
        Assert.Equal([team.Name], await _stores.Teams.TeamsOfAsync(alice, [], ct));
        Assert.Equal(new[] { team.Name, similar.Name }.Order(StringComparer.Ordinal), await _stores.Teams.TeamsOfAsync(bob, [], ct));
    }

    [Fact]
    public async Task TeamsOfAsync_MemberAndGroup_ListsEachTeamOnce()
    {
        var ct = TestTimeout.Token();
        var group = NewGroup();
        var team = NewTeam(group);
        await _stores.Teams.CreateAsync(team, ct);
        var user = UniqueNames.Next("u");
        await _stores.Teams.AddMemberAsync(team.Name, user, _stores.Clock.GetUtcNow(), "admin", ct);

        Assert.Equal([team.Name], await _stores.Teams.TeamsOfAsync(user, [group], ct));
    }

    [Fact]
    public async Task RemoveMemberAsync_Member_IsGoneBothWays()
    {
        var ct = TestTimeout.Token();
        var team = NewTeam();
        await _stores.Teams.CreateAsync(team, ct);
        var user = UniqueNames.Next("u");
        await _stores.Teams.AddMemberAsync(team.Name, user, _stores.Clock.GetUtcNow(), "admin", ct);

        Assert.True(await _stores.Teams.RemoveMemberAsync(team.Name, user, ct));

        Assert.Empty(await _stores.Teams.ListMembersAsync(team.Name, ct));
        Assert.Empty(await _stores.Teams.TeamsOfAsync(user, [], ct));
        Assert.False(await _stores.Teams.RemoveMemberAsync(team.Name, user, ct));
    }

    [Fact]
    public async Task DeleteAsync_Team_RemovesItsMembershipsAndGroupIndex()
    {
        var ct = TestTimeout.Token();
        var group = NewGroup();
        var team = NewTeam(group);
        var other = NewTeam();
        await _stores.Teams.CreateAsync(team, ct);
        await _stores.Teams.CreateAsync(other, ct);
        var (alice, bob) = (UniqueNames.Next("alice"), UniqueNames.Next("bob"));
        var now = _stores.Clock.GetUtcNow();
        await _stores.Teams.AddMemberAsync(team.Name, alice, now, "admin", ct);
        await _stores.Teams.AddMemberAsync(team.Name, bob, now, "admin", ct);
        await _stores.Teams.AddMemberAsync(other.Name, bob, now, "admin", ct);

        Assert.True(await _stores.Teams.DeleteAsync(team.Name, ct));

        Assert.Null(await _stores.Teams.GetAsync(team.Name, ct));
        Assert.Empty(await _stores.Teams.ListMembersAsync(team.Name, ct));
        Assert.Empty(await _stores.Teams.TeamsOfAsync(alice, [group], ct));
        Assert.Equal([other.Name], await _stores.Teams.TeamsOfAsync(bob, [group], ct));
        Assert.DoesNotContain(await _stores.RowsAsync("member", ct), e => e.RowKey.Contains($"|{team.Name}|", StringComparison.Ordinal) || e.RowKey.EndsWith($"|{team.Name}", StringComparison.Ordinal));
        Assert.DoesNotContain(await _stores.RowsAsync("group", ct), e => e.RowKey.EndsWith($"|{team.Name}", StringComparison.Ordinal));
        Assert.False(await _stores.Teams.DeleteAsync(team.Name, ct));
    }

    [Fact]
    public async Task ListAsync_Pages_ContainEveryTeamOnce()
    {
        var ct = TestTimeout.Token();
        var a = NewTeam();
        var b = NewTeam();
        await _stores.Teams.CreateAsync(a, ct);
        await _stores.Teams.CreateAsync(b, ct);

        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = await _stores.Teams.ListAsync(3, token, ct);
            Assert.InRange(page.Items.Count, 0, 3);
            seen.AddRange(page.Items.Select(t => t.Name));
            token = page.ContinuationToken;
        }
        while (token is not null);

        Assert.Equal(seen.Count, seen.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains(a.Name, seen);
        Assert.Contains(b.Name, seen);
    }
}

public sealed class EmbeddedTeamStoreTests(EmbeddedStorageBackend backend) : TeamStoreTests(backend), IClassFixture<EmbeddedStorageBackend>;

public sealed class AzuriteTeamStoreTests(AzuriteStorageBackend backend) : TeamStoreTests(backend), IClassFixture<AzuriteStorageBackend>;
