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
/// lives <c>LoginTokenLifetimeHours</c>. Attempts count per user name before the password is checked; after a few,
/// the name is locked out for a growing time, answered 429 without a check. Failures also count per client address,
/// whose far higher limit turns further wrong passwords from there into 429s without refusing a right one.
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

        // The attempt counts against the user name before the password is checked, in one conditional write, so
        // concurrent guesses cannot get more checks than the limit; a locked name is refused without a check.
        var limits = options.Value.Throttle;
        var userKey = ThrottleKeys.User(name!);
        var attempt = await throttle.CountAttemptAsync(userKey, limits.PerUserFailureLimit, cancellationToken);
        if (!attempt.Allowed)
        {
            return TooMany(context, attempt.LockedFor!.Value);
        }

        if (!await users.VerifyPasswordAsync(name!, body.Password!, cancellationToken))
        {
            var logger = loggers.CreateLogger(typeof(AuthApi).FullName!);
            IdentityLog.LoginFailed(logger, name!, context.ClientAddress());
            await audit.RecordAsync(context, IdentityAudit.LoginFailed, $"user:{name}", "anonymous", "failed", new() { ["method"] = "password" }, cancellationToken);

            // The address is only a weak signal (many callers share one behind a proxy): its lockout turns wrong
            // passwords from there into 429s, but never refuses a right one.
            var byAddress = await throttle.CountAttemptAsync(ThrottleKeys.Address(context), limits.PerAddressFailureLimit, cancellationToken);
            if (attempt.LockedFor is { } started)
            {
                IdentityLog.LockedOut(logger, $"user:{name}", started.TotalSeconds);
                await audit.RecordAsync(context, IdentityAudit.LoginLockedOut, $"user:{name}", "anonymous", "locked", new() { ["seconds"] = started.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) }, cancellationToken);
            }

            if (byAddress is { Allowed: true, LockedFor: { } addressLockout })
            {
                IdentityLog.LockedOut(logger, $"address:{context.ClientAddress()}", addressLockout.TotalSeconds);
            }

            if (Max(attempt.LockedFor, byAddress.LockedFor) is { } wait)
            {
                return TooMany(context, wait);
            }

            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"stratus\"";
            return TypedResults.Problem(Refused, statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed");
        }

        // A right password clears the name's count and any lockout its attempt or a concurrent one started.
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
