using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Stratus.Api.Api;
using Stratus.Api.Identity.Contracts;
using Stratus.Api.Security;
using Stratus.Identity;
using Stratus.Identity.Principals;
using Stratus.Identity.Stores;
using Stratus.Identity.Tokens;

namespace Stratus.Api.Identity;

/// <summary>
/// The caller's own personal tokens: create (the secret is in that one response), list without secrets, revoke. Team
/// tokens live under <c>/teams/{team}/tokens</c>; admins manage anyone's under <c>/users/{user}/tokens</c>.
/// </summary>
internal static class TokensApi
{
    internal const string Example = """{"name": "ci-deploys", "expiresInDays": 30}""";

    public static RouteGroupBuilder MapTokensApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/tokens").WithTags("Identity");
        group.MapGet("/", ListTokens)
            .WithName("ListTokens")
            .WithSummary("Your personal tokens, without their secrets; paged (?limit=, ?continuation=, Link rel=\"next\").")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequireAuthenticatedCaller();
        group.MapPost("/", CreateToken)
            .WithName("CreateToken")
            .WithSummary("Creates a personal token; its secret is shown in this response only.")
            .Accepts<CreateTokenRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .RequireAuthenticatedCaller();
        group.MapDelete("/{tokenId}", RevokeToken)
            .WithName("RevokeToken")
            .WithSummary("Revokes one of your personal tokens, effective at once.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthenticatedCaller();
        return api;
    }

    internal static Task<Results<Ok<IReadOnlyList<TokenResponse>>, ProblemHttpResult>> ListTokens(
        HttpContext context, TokenStore tokens, int? limit, string? continuation, CancellationToken cancellationToken) =>
        Paging.PageArrayAsync(context, limit, size => tokens.ListAsync(context.GetCaller().Subject, size, continuation, cancellationToken), TokenResponse.From);

    internal static async Task<Results<Created<CreatedTokenResponse>, ProblemHttpResult>> CreateToken(
        HttpContext context, TokenStore tokens, IdentityAudit audit, IOptions<IdentityOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = context.GetCaller();
        if (caller.Subject.Kind != PrincipalKind.User)
        {
            return ApiProblems.Forbidden("A team token cannot create personal tokens. Team tokens are created with POST /api/v1/teams/{team}/tokens.");
        }

        return await IssueAsync(context, TokenKind.Personal, caller.Subject, tokens, audit, options.Value, time, cancellationToken);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> RevokeToken(
        string tokenId, HttpContext context, TokenStore tokens, GrantStore grants, IdentityAudit audit, CancellationToken cancellationToken) =>
        await RevokeOwnedAsync(context.GetCaller().Subject, tokenId, context, tokens, grants, audit, cancellationToken);

    /// <summary>Reads the request and issues a token for <paramref name="owner"/>.</summary>
    internal static async Task<Results<Created<CreatedTokenResponse>, ProblemHttpResult>> IssueAsync(
        HttpContext context, TokenKind kind, PrincipalRef owner, TokenStore tokens, IdentityAudit audit, IdentityOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync<CreateTokenRequest>(context.Request, Example, cancellationToken);
        if (problem is not null)
        {
            return ApiProblems.Invalid(problem);
        }

        if (IdentityNames.Problem(body!.Name, "token name") is { } nameProblem)
        {
            return ApiProblems.Invalid(nameProblem);
        }

        var days = body.ExpiresInDays ?? options.DefaultTokenLifetimeDays;
        if (days < 1 || days > options.MaxTokenLifetimeDays)
        {
            return ApiProblems.Invalid($"expiresInDays must be between 1 and {options.MaxTokenLifetimeDays}; it was {days}.");
        }

        var caller = context.GetCaller();
        var issued = await tokens.IssueAsync(kind, owner, body.Name!, time.GetUtcNow().AddDays(days), caller.Describe(), cancellationToken);
        await audit.RecordAsync(context, IdentityAudit.TokenCreated, owner.ToString(), caller.Describe(), "succeeded",
            new() { ["token"] = issued.Token.Id, ["name"] = issued.Token.Name, ["expiresAt"] = issued.Token.ExpiresAt?.ToString("O") }, cancellationToken);
        return TypedResults.Created($"/api/v1/tokens/{issued.Token.Id}", new CreatedTokenResponse(TokenResponse.From(issued.Token), issued.Secret, CreatedTokenResponse.ShownOnce));
    }

    /// <summary>Revokes a token if <paramref name="owner"/> owns it; someone else's token is "not found", never "forbidden".</summary>
    internal static async Task<Results<NoContent, ProblemHttpResult>> RevokeOwnedAsync(
        PrincipalRef owner, string tokenId, HttpContext context, TokenStore tokens, GrantStore grants, IdentityAudit audit, CancellationToken cancellationToken)
    {
        var token = IdentityNames.Problem(tokenId, "token id") is null ? await tokens.GetAsync(tokenId, cancellationToken) : null;
        if (token is null || token.Owner != owner || !await tokens.RevokeAsync(tokenId, cancellationToken))
        {
            return ApiProblems.NotFound($"{owner} has no token '{tokenId}'.");
        }

        await grants.RemoveAllForAsync(PrincipalRef.Token(tokenId), cancellationToken);
        await audit.RecordAsync(context, IdentityAudit.TokenRevoked, owner.ToString(), context.GetCaller().Describe(), "succeeded", new() { ["token"] = tokenId, ["name"] = token.Name }, cancellationToken);
        return TypedResults.NoContent();
    }
}
