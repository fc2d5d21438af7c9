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
/// Password sign-in for local users (Tsuru's <c>/auth/login</c>): a correct password returns a personal token that
/// lives <c>LoginTokenLifetimeHours</c>. <see cref="PasswordSignIn"/> throttles the attempts; a lockout is a 429.
/// </summary>
internal static class AuthApi
{
    private const string Example = """{"name": "alice@example.com", "password": "…"}""";
    private const string Refused = "The user name or password is wrong, or the user is disabled.";

    public static RouteGroupBuilder MapAuthApi(this RouteGroupBuilder api)
    {
        api.MapPost("/auth/login", Login)
            .WithName("Login")
            .WithSummary("Signs a local user in with a password and returns a short-lived personal token.")
            .WithTags("Identity")
            .Accepts<LoginRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .AllowPublicAccess("signing in is how a caller gets credentials");
        return api;
    }

    internal static async Task<Results<Ok<CreatedTokenResponse>, ProblemHttpResult>> Login(
        HttpContext context,
        PasswordSignIn signIn,
        TokenStore tokens,
        IdentityAudit audit,
        IOptions<IdentityOptions> options,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync<LoginRequest>(context.Request, Example, cancellationToken);
        if (problem is not null)
        {
            return ApiProblems.Invalid(problem);
        }

        var name = body!.Name?.Trim().ToLowerInvariant();
        if ((IdentityNames.Problem(name, "user name") ?? (string.IsNullOrEmpty(body.Password) ? "The password is required." : null)) is { } invalid)
        {
            return ApiProblems.Invalid(invalid);
        }

        var check = await signIn.CheckAsync(context, name!, body.Password!, "password", cancellationToken);
        if (check.LockedFor is { } wait)
        {
            return TooMany(context, wait);
        }

        if (!check.Succeeded)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"stratus\"";
            return TypedResults.Problem(Refused, statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed");
        }

        var expires = time.GetUtcNow().AddHours(options.Value.LoginTokenLifetimeHours);
        var issued = await tokens.IssueAsync(TokenKind.Personal, PrincipalRef.User(name!), "login", expires, name!, cancellationToken);
        await audit.RecordAsync(context, IdentityAudit.TokenCreated, $"user:{name}", $"user:{name}", "succeeded", new() { ["token"] = issued.Token.Id, ["method"] = "password" }, cancellationToken);
        return TypedResults.Ok(new CreatedTokenResponse(TokenResponse.From(issued.Token), issued.Secret, CreatedTokenResponse.ShownOnce));
    }

    private static ProblemHttpResult TooMany(HttpContext context, TimeSpan wait)
    {
        var seconds = (int)Math.Ceiling(wait.TotalSeconds);
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem($"Too many failed sign-in attempts. Try again in {seconds} seconds.", statusCode: StatusCodes.Status429TooManyRequests, title: "Too many failed attempts");
    }
}
