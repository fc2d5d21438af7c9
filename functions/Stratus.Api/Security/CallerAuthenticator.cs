using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Stratus.Api.Identity;
using Stratus.Identity;
using Stratus.Identity.Principals;
using Stratus.Identity.Stores;
using Stratus.Identity.Tokens;

namespace Stratus.Api.Security;

/// <summary>
/// Turns a request's credentials into a <see cref="Caller"/>:
/// <list type="bullet">
/// <item><c>Authorization: Bearer stratus_…</c>: a personal or team API token (the CLI; terraform's <c>TF_TOKEN_&lt;host&gt;</c>);</item>
/// <item><c>Authorization: Basic</c> with a token as the password: terraform's http state backend can send nothing else;</item>
/// <item><c>Authorization: Bearer &lt;JWT&gt;</c>: an identity-provider token (Entra ID), when OIDC is configured.</item>
/// </list>
/// Failed token attempts count against the client address, which is locked out after a few (429).
/// </summary>
internal sealed class CallerAuthenticator(
    TokenStore tokens,
    UserStore users,
    TeamStore teams,
    LoginThrottle throttle,
    IdentityAudit audit,
    IOptions<IdentityOptions> options,
    TimeProvider time,
    ILogger<CallerAuthenticator> logger)
{
    public const string OidcScheme = "oidc";

    public async Task<AuthenticationOutcome> AuthenticateAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticationOutcome.Anonymous;
        }

        if (!AuthenticationHeaderValue.TryParse(header, out var parsed) || string.IsNullOrEmpty(parsed.Parameter))
        {
            return AuthenticationOutcome.Refused("The Authorization header is malformed. Send 'Authorization: Bearer <token>'.");
        }

        if (string.Equals(parsed.Scheme, "Basic", StringComparison.OrdinalIgnoreCase))
        {
            return BasicPassword(parsed.Parameter) is { } password
                ? await AuthenticateTokenAsync(context, password, cancellationToken)
                : AuthenticationOutcome.Refused("Basic authentication takes a Stratus API token as the password (any user name), as terraform's http backend sends it.");
        }

        if (!string.Equals(parsed.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticationOutcome.Refused($"The '{parsed.Scheme}' authentication scheme is not supported. Send 'Authorization: Bearer <token>'.");
        }

        if (parsed.Parameter.StartsWith("stratus_", StringComparison.Ordinal))
        {
            return await AuthenticateTokenAsync(context, parsed.Parameter, cancellationToken);
        }

        return options.Value.Oidc.Enabled
            ? await AuthenticateOidcAsync(context, cancellationToken)
            : AuthenticationOutcome.Refused("The bearer token is not a Stratus API token (stratus_pat_… or stratus_tt_…), and no identity provider is configured.");
    }

    private async Task<AuthenticationOutcome> AuthenticateTokenAsync(HttpContext context, string secret, CancellationToken cancellationToken)
    {
        var throttleKey = $"token-ip|{context.ClientAddress()}";
        if (await throttle.LockedForAsync(throttleKey, cancellationToken) is { } locked)
        {
            return AuthenticationOutcome.Throttled(locked);
        }

        var failure = await ResolveTokenAsync(secret, cancellationToken);
        if (failure.Caller is not null)
        {
            return failure;
        }

        IdentityLog.TokenRejected(logger, context.ClientAddress(), failure.Failure!);
        await audit.RecordAsync(context, IdentityAudit.LoginFailed, "token:unknown", "anonymous", "failed", new() { ["reason"] = failure.Failure }, cancellationToken);
        return await throttle.RecordFailureAsync(throttleKey, cancellationToken) is { } lockout ? AuthenticationOutcome.Throttled(lockout) : failure;
    }

    private async Task<AuthenticationOutcome> ResolveTokenAsync(string secret, CancellationToken cancellationToken)
    {
        const string Unknown = "The API token is not valid: it is malformed, revoked or unknown. Create a new one with POST /api/v1/tokens.";
        if (!TokenSecrets.TryRecognize(secret, out _) || await tokens.FindAsync(secret, cancellationToken) is not { } token)
        {
            return AuthenticationOutcome.Refused(Unknown);
        }

        if (token.IsExpired(time.GetUtcNow()))
        {
            return AuthenticationOutcome.Refused($"The API token '{token.Name}' expired at {token.ExpiresAt:u}. Create a new one.");
        }

        if (token.Kind == TokenKind.Team)
        {
            return await teams.GetAsync(token.Owner.Name, cancellationToken) is null
                ? AuthenticationOutcome.Refused(Unknown)
                : AuthenticationOutcome.Success(new Caller(token.Owner, "team-token", token, [token.Owner.Name]));
        }

        var user = await users.GetAsync(token.Owner.Name, cancellationToken);
        if (user is null || user.Disabled)
        {
            return AuthenticationOutcome.Refused("The API token belongs to a user who is disabled or removed.");
        }

        var memberOf = await teams.TeamsOfAsync(user.Name, user.Groups, cancellationToken);
        return AuthenticationOutcome.Success(new Caller(token.Owner, "token", token, memberOf));
    }

    private async Task<AuthenticationOutcome> AuthenticateOidcAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var throttleKey = $"token-ip|{context.ClientAddress()}";
        if (await throttle.LockedForAsync(throttleKey, cancellationToken) is { } locked)
        {
            return AuthenticationOutcome.Throttled(locked);
        }

        var outcome = await ResolveOidcAsync(context, cancellationToken);
        if (outcome.Caller is not null)
        {
            return outcome;
        }

        return await throttle.RecordFailureAsync(throttleKey, cancellationToken) is { } lockout ? AuthenticationOutcome.Throttled(lockout) : outcome;
    }

    private async Task<AuthenticationOutcome> ResolveOidcAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var result = await context.AuthenticateAsync(OidcScheme);
        if (!result.Succeeded)
        {
            var reason = result.Failure?.Message ?? "no token was found";
            return await RefuseOidcAsync(context, "user:unknown", reason, OidcFailureDescriber.Describe(result.Failure), cancellationToken);
        }

        var oidc = options.Value.Oidc;
        var principal = result.Principal!;
        var name = principal.FindFirstValue(oidc.NameClaim)?.ToLowerInvariant();
        if (IdentityNames.Problem(name, "user name") is { } problem)
        {
            var detail = $"The identity provider token's '{oidc.NameClaim}' claim cannot name a Stratus user: {problem}";
            return await RefuseOidcAsync(context, "user:unknown", detail, detail, cancellationToken);
        }

        var groups = principal.FindAll(oidc.GroupsClaim).Select(c => c.Value).Where(g => GroupNames.Problem(g) is null).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var user = await users.RecordOidcSignInAsync(name!, principal.FindFirstValue("name"), principal.FindFirstValue("email"), groups, time.GetUtcNow(), cancellationToken);
        if (user is null)
        {
            // A local user of that name exists: an identity-provider token must never become a local account (or the bootstrap admin).
            return await RefuseOidcAsync(context, $"user:{name}", "the name belongs to a local user", "This user name belongs to a local Stratus user, not to the identity provider.", cancellationToken);
        }

        if (user.Disabled)
        {
            return await RefuseOidcAsync(context, $"user:{name}", "the user is disabled", "This user is disabled in Stratus.", cancellationToken);
        }

        var memberOf = await teams.TeamsOfAsync(user.Name, groups, cancellationToken);
        return AuthenticationOutcome.Success(new Caller(PrincipalRef.User(user.Name), "oidc", null, memberOf));
    }

    private async Task<AuthenticationOutcome> RefuseOidcAsync(HttpContext context, string target, string reason, string detail, CancellationToken cancellationToken)
    {
        IdentityLog.OidcRejected(logger, context.ClientAddress(), reason);
        await audit.RecordAsync(context, IdentityAudit.LoginFailed, target, "anonymous", "failed", new() { ["reason"] = reason, ["method"] = "oidc" }, cancellationToken);
        return AuthenticationOutcome.Refused($"The identity provider token was refused. {detail}");
    }

    private static string? BasicPassword(string parameter)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            return colon >= 0 && colon < text.Length - 1 ? text[(colon + 1)..] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
