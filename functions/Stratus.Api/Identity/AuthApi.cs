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
/// lives <c>LoginTokenLifetimeHours</c>. Failures count per user name and per client address; after a few, both are
/// locked out for a growing time, answered 429 before the password is even checked.
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
        UserStore users,
        TokenStore tokens,
        LoginThrottle throttle,
        IdentityAudit audit,
        IOptions<IdentityOptions> options,
        TimeProvider time,
        ILoggerFactory loggers,
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

        var userKey = $"login-user|{name}";
        var addressKey = $"login-ip|{context.ClientAddress()}";
        var locked = Max(await throttle.LockedForAsync(userKey, cancellationToken), await throttle.LockedForAsync(addressKey, cancellationToken));
        if (locked is { } wait)
        {
            return TooMany(context, wait);
        }

        if (!await users.VerifyPasswordAsync(name!, body.Password!, cancellationToken))
        {
            IdentityLog.LoginFailed(loggers.CreateLogger(typeof(AuthApi).FullName!), name!, context.ClientAddress());
            await audit.RecordAsync(context, IdentityAudit.LoginFailed, $"user:{name}", "anonymous", "failed", new() { ["method"] = "password" }, cancellationToken);
            var lockout = Max(await throttle.RecordFailureAsync(userKey, cancellationToken), await throttle.RecordFailureAsync(addressKey, cancellationToken));
            if (lockout is { } started)
            {
                IdentityLog.LockedOut(loggers.CreateLogger(typeof(AuthApi).FullName!), $"user:{name}", started.TotalSeconds);
                await audit.RecordAsync(context, IdentityAudit.LoginLockedOut, $"user:{name}", "anonymous", "locked", new() { ["seconds"] = started.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) }, cancellationToken);
                return TooMany(context, started);
            }

            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"stratus\"";
            return TypedResults.Problem(Refused, statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed");
        }

        await throttle.ResetAsync(userKey, cancellationToken);
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

    private static TimeSpan? Max(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
