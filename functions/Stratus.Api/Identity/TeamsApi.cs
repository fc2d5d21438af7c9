using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Stratus.Api.Api;
using Stratus.Api.Identity.Contracts;
using Stratus.Api.Security;
using Stratus.Identity;
using Stratus.Identity.Authorization;
using Stratus.Identity.Principals;
using Stratus.Identity.Stores;
using Stratus.Identity.Tokens;
using Stratus.Storage;

namespace Stratus.Api.Identity;

/// <summary>
/// Teams, their members and their tokens. As in Tsuru, whoever creates a team joins it and becomes its team admin;
/// from then on everything about the team can be delegated with grants on <c>team:&lt;name&gt;</c>. Team names keep the
/// case they are created with and are found in any case (<see cref="TeamNames"/>), as in Terrakube.
/// </summary>
internal static class TeamsApi
{
    private const int MaxGroups = 50;
    private const string CreateExample = """{"name": "payments", "description": "Payments squad", "groups": ["<entra group object id>"]}""";
    private const string UpdateExample = """{"description": "Payments squad", "groups": []}""";
    private const string TeamRoute = "/{team:" + TeamNameRouteConstraint.Name + "}";

    public static RouteGroupBuilder MapTeamsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/teams").WithTags("Identity");
        group.MapGet("/", ListTeams)
            .WithName("ListTeams")
            .WithSummary("Teams by name, paged.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequirePermission(PermissionNames.TeamRead);
        group.MapPost("/", CreateTeam)
            .WithName("CreateTeam")
            .WithSummary("Creates a team; the creator joins it as its team admin.")
            .Accepts<CreateTeamRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequirePermission(PermissionNames.TeamCreate);
        group.MapGet(TeamRoute, GetTeam)
            .WithName("GetTeam")
            .WithSummary("A team.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.TeamRead, ScopeKind.Team, "team");
        group.MapPatch(TeamRoute, UpdateTeam)
            .WithName("UpdateTeam")
            .WithSummary("Changes a team's description or identity-provider groups.")
            .Accepts<UpdateTeamRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.TeamUpdate, ScopeKind.Team, "team");
        group.MapDelete(TeamRoute, DeleteTeam)
            .WithName("DeleteTeam")
            .WithSummary("Removes a team with its memberships, grants and tokens.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.TeamDelete, ScopeKind.Team, "team");
        group.MapGet(TeamRoute + "/members", ListMembers)
            .WithName("ListTeamMembers")
            .WithSummary("A team's local members and identity-provider groups.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.TeamRead, ScopeKind.Team, "team");
        group.MapPut(TeamRoute + "/members/{user:" + IdentityNameRouteConstraint.Name + "}", AddMember)
            .WithName("AddTeamMember")
            .WithSummary("Adds a user to a team (no change if already a member).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.TeamMemberManage, ScopeKind.Team, "team");
        group.MapDelete(TeamRoute + "/members/{user:" + IdentityNameRouteConstraint.Name + "}", RemoveMember)
            .WithName("RemoveTeamMember")
            .WithSummary("Removes a user from a team.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.TeamMemberManage, ScopeKind.Team, "team");
        group.MapGet(TeamRoute + "/tokens", ListTeamTokens)
            .WithName("ListTeamTokens")
            .WithSummary("A team's tokens, without their secrets; paged (?limit=, ?continuation=, Link rel=\"next\").")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.TeamTokenManage, ScopeKind.Team, "team");
        group.MapPost(TeamRoute + "/tokens", CreateTeamToken)
            .WithName("CreateTeamToken")
            .WithSummary("Creates a team token, which acts with the team's grants; its secret is shown in this response only.")
            .Accepts<CreateTokenRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.TeamTokenManage, ScopeKind.Team, "team");
        group.MapDelete(TeamRoute + "/tokens/{tokenId}", RevokeTeamToken)
            .WithName("RevokeTeamToken")
            .WithSummary("Revokes a team token, effective at once.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.TeamTokenManage, ScopeKind.Team, "team");
        return api;
    }

    internal static Task<Results<Ok<PageResponse<TeamResponse>>, ProblemHttpResult>> ListTeams(
        TeamStore teams, int? limit, string? continuation, CancellationToken cancellationToken)
        => Paging.PageAsync(
            limit,
            size => teams.ListAsync(size, continuation, cancellationToken),
            TeamResponse.From);

    internal static async Task<Results<Created<TeamResponse>, ProblemHttpResult>> CreateTeam(
        HttpContext context, TeamStore teams, GrantStore grants, IdentityAudit audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync<CreateTeamRequest>(context.Request, CreateExample, cancellationToken);
        if (problem is not null)
        {
            return ApiProblems.Invalid(problem);
        }

        if ((TeamNames.Problem(body!.Name) ?? GroupsProblem(body.Groups)) is { } invalid)
        {
            return ApiProblems.Invalid(invalid);
        }

        var caller = context.GetCaller();
        var now = time.GetUtcNow();
        var team = new Team(body.Name!, body.Description, Distinct(body.Groups), now, caller.Describe());
        if (!await teams.CreateAsync(team, cancellationToken))
        {
            // Names differing only in case are one team, so say which name it was created with.
            var existing = (await teams.GetAsync(team.Name, cancellationToken))?.Name ?? team.Name;
            return ApiProblems.Conflict($"A team named '{existing}' exists already; team names are compared without regard to case. Use that team or choose another name.");
        }

        if (caller.Subject.Kind == PrincipalKind.User)
        {
            await teams.AddMemberAsync(team.Name, caller.Subject.Name, now, caller.Describe(), cancellationToken);
            await grants.AddAsync(caller.Subject, "team-admin", Scope.Of(ScopeKind.Team, team.Name), now, caller.Describe(), cancellationToken);
        }

        await audit.RecordAsync(context, IdentityAudit.TeamCreated, $"team:{team.Name}", caller.Describe(), "succeeded", null, cancellationToken);
        return TypedResults.Created($"/api/v1/teams/{team.Name}", TeamResponse.From(team));
    }

    internal static async Task<Results<Ok<TeamResponse>, ProblemHttpResult>> GetTeam(string team, TeamStore teams, CancellationToken cancellationToken) =>
        await teams.GetAsync(team, cancellationToken) is { } found ? TypedResults.Ok(TeamResponse.From(found)) : NoTeam(team);

    internal static async Task<Results<Ok<TeamResponse>, ProblemHttpResult>> UpdateTeam(
        string team, HttpContext context, TeamStore teams, IdentityAudit audit, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync<UpdateTeamRequest>(context.Request, UpdateExample, cancellationToken);
        if (problem is not null)
        {
            return ApiProblems.Invalid(problem);
        }

        if (GroupsProblem(body!.Groups) is { } invalid)
        {
            return ApiProblems.Invalid(invalid);
        }

        var updated = await teams.UpdateAsync(team, body.Description, body.Groups is null ? null : Distinct(body.Groups), cancellationToken);
        if (updated is null)
        {
            return NoTeam(team);
        }

        await audit.RecordAsync(context, IdentityAudit.TeamUpdated, $"team:{team}", context.GetCaller().Describe(), "succeeded", null, cancellationToken);
        return TypedResults.Ok(TeamResponse.From(updated));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteTeam(
        string team, HttpContext context, TeamStore teams, GrantStore grants, TokenStore tokens, IdentityAudit audit, CancellationToken cancellationToken)
    {
        if (await teams.GetAsync(team, cancellationToken) is null)
        {
            return NoTeam(team);
        }

        var principal = PrincipalRef.Team(team);
        foreach (var token in await tokens.ListAsync(principal, cancellationToken))
        {
            await tokens.RevokeAsync(token.Id, cancellationToken);
            await grants.RemoveAllForAsync(PrincipalRef.Token(token.Id), cancellationToken);
        }

        await grants.RemoveAllForAsync(principal, cancellationToken);
        await teams.DeleteAsync(team, cancellationToken);
        await audit.RecordAsync(context, IdentityAudit.TeamRemoved, $"team:{team}", context.GetCaller().Describe(), "succeeded", null, cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<Results<Ok<TeamMembersResponse>, ProblemHttpResult>> ListMembers(string team, TeamStore teams, CancellationToken cancellationToken)
    {
        if (await teams.GetAsync(team, cancellationToken) is not { } found)
        {
            return NoTeam(team);
        }

        return TypedResults.Ok(new TeamMembersResponse(found.Name, await teams.ListMembersAsync(team, cancellationToken), found.Groups));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> AddMember(
        string team, string user, HttpContext context, TeamStore teams, UserStore users, IdentityAudit audit, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await teams.GetAsync(team, cancellationToken) is not { } found)
        {
            return NoTeam(team);
        }

        if (await users.GetAsync(user, cancellationToken) is null)
        {
            return ApiProblems.NotFound($"There is no user named '{user}'. Create it first (identity-provider users appear after their first sign-in).");
        }

        var caller = context.GetCaller();
        if (await teams.AddMemberAsync(found.Name, user, time.GetUtcNow(), caller.Describe(), cancellationToken))
        {
            await audit.RecordAsync(context, IdentityAudit.MemberAdded, $"team:{team}", caller.Describe(), "succeeded", new() { ["user"] = user }, cancellationToken);
        }

        return TypedResults.NoContent();
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> RemoveMember(
        string team, string user, HttpContext context, TeamStore teams, IdentityAudit audit, CancellationToken cancellationToken)
    {
        if (!await teams.RemoveMemberAsync(team, user, cancellationToken))
        {
            return ApiProblems.NotFound($"'{user}' is not a member of team '{team}'.");
        }

        await audit.RecordAsync(context, IdentityAudit.MemberRemoved, $"team:{team}", context.GetCaller().Describe(), "succeeded", new() { ["user"] = user }, cancellationToken);
        return TypedResults.NoContent();
    }

    internal static Task<Results<Ok<IReadOnlyList<TokenResponse>>, ProblemHttpResult>> ListTeamTokens(
        string team, HttpContext context, TeamStore teams, TokenStore tokens, int? limit, string? continuation, CancellationToken cancellationToken) =>
        Paging.PageArrayAsync(
            context,
            limit,
            size => tokens.ListAsync(PrincipalRef.Team(team), size, continuation, cancellationToken),
            TokenResponse.From,
            async () => await teams.GetAsync(team, cancellationToken) is null ? NoTeam(team) : null);

    internal static async Task<Results<Created<CreatedTokenResponse>, ProblemHttpResult>> CreateTeamToken(
        string team, HttpContext context, TeamStore teams, TokenStore tokens, IdentityAudit audit, IOptions<IdentityOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await teams.GetAsync(team, cancellationToken) is null)
        {
            return NoTeam(team);
        }

        return await TokensApi.IssueAsync(context, TokenKind.Team, PrincipalRef.Team(team), tokens, audit, options.Value, time, cancellationToken);
    }

    internal static Task<Results<NoContent, ProblemHttpResult>> RevokeTeamToken(
        string team, string tokenId, HttpContext context, TokenStore tokens, GrantStore grants, IdentityAudit audit, CancellationToken cancellationToken) =>
        TokensApi.RevokeOwnedAsync(PrincipalRef.Team(team), tokenId, context, tokens, grants, audit, cancellationToken);

    private static ProblemHttpResult NoTeam(string team) => ApiProblems.NotFound($"There is no team named '{team}'.");

    private static string? GroupsProblem(IReadOnlyList<string>? groups) =>
        groups is null ? null
        : groups.Count > MaxGroups ? $"A team lists at most {MaxGroups} groups; this request has {groups.Count}."
        : groups.Select(GroupNames.Problem).FirstOrDefault(p => p is not null);

    private static List<string> Distinct(IReadOnlyList<string>? groups) => (groups ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
}
