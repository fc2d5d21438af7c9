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

/// <summary>Local users, and the users an identity provider has signed in. Removing a user revokes everything they hold.</summary>
internal static class UsersApi
{
    private const string CreateExample = """{"name": "alice@example.com", "displayName": "Alice", "password": "at least 12 characters"}""";
    private const string UpdateExample = """{"disabled": true}""";
    private const string UserRoute = "/{user:" + IdentityNameRouteConstraint.Name + "}";

    public static RouteGroupBuilder MapUsersApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/users").WithTags("Identity");
        group.MapGet("/", ListUsers)
            .WithName("ListUsers")
            .WithSummary("Users by name, paged.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequirePermission(PermissionNames.UserRead);
        group.MapPost("/", CreateUser)
            .WithName("CreateUser")
            .WithSummary("Creates a local user, optionally with a password for POST /auth/login.")
            .Accepts<CreateUserRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequirePermission(PermissionNames.UserManage);
        group.MapGet(UserRoute, GetUser)
            .WithName("GetUser")
            .WithSummary("A user and the teams they belong to.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.UserRead);
        group.MapPatch(UserRoute, UpdateUser)
            .WithName("UpdateUser")
            .WithSummary("Changes a user's display name, e-mail, password or disabled flag.")
            .Accepts<UpdateUserRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.UserManage);
        group.MapDelete(UserRoute, DeleteUser)
            .WithName("DeleteUser")
            .WithSummary("Removes a user with their memberships, grants and tokens.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequirePermission(PermissionNames.UserManage);
        group.MapGet(UserRoute + "/tokens", ListUserTokens)
            .WithName("ListUserTokens")
            .WithSummary("A user's personal tokens, without their secrets; paged (?limit=, ?continuation=, Link rel=\"next\").")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.UserManage);
        group.MapPost(UserRoute + "/tokens", CreateUserToken)
            .WithName("CreateUserToken")
            .WithSummary("Creates a personal token for a user (service accounts, first sign-in); its secret is shown in this response only.")
            .Accepts<CreateTokenRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.UserManage);
        group.MapDelete(UserRoute + "/tokens/{tokenId}", RevokeUserToken)
            .WithName("RevokeUserToken")
            .WithSummary("Revokes one of a user's personal tokens.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.UserManage);
        return api;
    }

    internal static Task<Results<Ok<PageResponse<UserResponse>>, ProblemHttpResult>> ListUsers(
        UserStore users, int? limit, string? continuation, CancellationToken cancellationToken)
        => Paging.PageAsync(
            limit,
            size => users.ListAsync(size, continuation, cancellationToken),
            UserResponse.From);

    internal static async Task<Results<Created<UserResponse>, ProblemHttpResult>> CreateUser(
        HttpContext context, UserStore users, IdentityAudit audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync<CreateUserRequest>(context.Request, CreateExample, cancellationToken);
        if (problem is not null)
        {
            return ApiProblems.Invalid(problem);
        }

        if ((IdentityNames.Problem(body!.Name, "user name") ?? (body.Password is null ? null : PasswordHasher.Problem(body.Password))) is { } invalid)
        {
            return ApiProblems.Invalid(invalid);
        }

        var caller = context.GetCaller();
        var user = new User(body.Name!, body.DisplayName, body.Email, User.LocalSource, Disabled: false, time.GetUtcNow(), caller.Describe(), []);
        if (!await users.CreateAsync(user, body.Password, cancellationToken))
        {
            return ApiProblems.Conflict($"A user named '{user.Name}' exists already.");
        }

        await audit.RecordAsync(context, IdentityAudit.UserCreated, $"user:{user.Name}", caller.Describe(), "succeeded", null, cancellationToken);
        return TypedResults.Created($"/api/v1/users/{user.Name}", UserResponse.From(user));
    }

    internal static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> GetUser(string user, UserStore users, CancellationToken cancellationToken) =>
        await users.GetAsync(user, cancellationToken) is { } found ? TypedResults.Ok(UserResponse.From(found)) : ApiProblems.NotFound($"There is no user named '{user}'.");

    internal static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> UpdateUser(
        string user, HttpContext context, UserStore users, IdentityAudit audit, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync<UpdateUserRequest>(context.Request, UpdateExample, cancellationToken);
        if (problem is not null)
        {
            return ApiProblems.Invalid(problem);
        }

        if (body!.Password is not null && PasswordHasher.Problem(body.Password) is { } weak)
        {
            return ApiProblems.Invalid(weak);
        }

        var caller = context.GetCaller();
        if (body.Disabled == true && caller.Subject == PrincipalRef.User(user))
        {
            return ApiProblems.Conflict("You cannot disable yourself; ask another admin.");
        }

        var updated = await users.UpdateAsync(user, body.DisplayName, body.Email, body.Disabled, body.Password, cancellationToken);
        if (updated is null)
        {
            return ApiProblems.NotFound($"There is no user named '{user}'.");
        }

        var changed = string.Join(',', new[] { body.DisplayName is null ? null : "displayName", body.Email is null ? null : "email", body.Disabled is null ? null : "disabled", body.Password is null ? null : "password" }.OfType<string>());
        await audit.RecordAsync(context, IdentityAudit.UserUpdated, $"user:{user}", caller.Describe(), "succeeded", new() { ["changed"] = changed }, cancellationToken);
        return TypedResults.Ok(UserResponse.From(updated));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteUser(
        string user, HttpContext context, UserStore users, TeamStore teams, GrantStore grants, TokenStore tokens, IdentityAudit audit, CancellationToken cancellationToken)
    {
        var caller = context.GetCaller();
        if (caller.Subject == PrincipalRef.User(user))
        {
            return ApiProblems.Conflict("You cannot remove yourself; ask another admin.");
        }

        var found = await users.GetAsync(user, cancellationToken);
        if (found is null)
        {
            return ApiProblems.NotFound($"There is no user named '{user}'.");
        }

        // Credentials first, so a half-finished removal never leaves a usable token behind.
        var principal = PrincipalRef.User(user);
        await tokens.RevokeAllAsync(principal, cancellationToken);
        await grants.RemoveAllForAsync(principal, cancellationToken);
        foreach (var team in await teams.TeamsOfAsync(user, [], cancellationToken))
        {
            await teams.RemoveMemberAsync(team, user, cancellationToken);
        }

        await users.DeleteAsync(user, cancellationToken);
        await audit.RecordAsync(context, IdentityAudit.UserRemoved, $"user:{user}", caller.Describe(), "succeeded", null, cancellationToken);
        return TypedResults.NoContent();
    }

    internal static Task<Results<Ok<IReadOnlyList<TokenResponse>>, ProblemHttpResult>> ListUserTokens(
        string user, HttpContext context, UserStore users, TokenStore tokens, int? limit, string? continuation, CancellationToken cancellationToken) =>
        Paging.PageArrayAsync(
            context,
            limit,
            size => tokens.ListAsync(PrincipalRef.User(user), size, continuation, cancellationToken),
            TokenResponse.From,
            async () => await users.GetAsync(user, cancellationToken) is null ? ApiProblems.NotFound($"There is no user named '{user}'.") : null);

    internal static async Task<Results<Created<CreatedTokenResponse>, ProblemHttpResult>> CreateUserToken(
        string user, HttpContext context, UserStore users, TokenStore tokens, IdentityAudit audit, IOptions<IdentityOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await users.GetAsync(user, cancellationToken) is not { Disabled: false })
        {
            return ApiProblems.NotFound($"There is no enabled user named '{user}'.");
        }

        return await TokensApi.IssueAsync(context, TokenKind.Personal, PrincipalRef.User(user), tokens, audit, options.Value, time, cancellationToken);
    }

    internal static Task<Results<NoContent, ProblemHttpResult>> RevokeUserToken(
        string user, string tokenId, HttpContext context, TokenStore tokens, GrantStore grants, IdentityAudit audit, CancellationToken cancellationToken) =>
        TokensApi.RevokeOwnedAsync(PrincipalRef.User(user), tokenId, context, tokens, grants, audit, cancellationToken);
}
