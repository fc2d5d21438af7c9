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
using Stratus.Orchestrations.Jobs;

namespace Stratus.Api.Security;

/// <summary>
/// Turns a request's credentials into a <see cref="Caller"/>:
/// <list type="bullet">
/// <item><c>Authorization: Bearer stratus_…</c>: a personal or team API token (the CLI; terraform's <c>TF_TOKEN_&lt;host&gt;</c>);</item>
/// <item><c>Authorization: Basic</c> with a token as the password: terraform's http state backend can send nothing else;</item>
/// <item><c>Authorization: Bearer &lt;JWT&gt;</c>: an identity-provider token (Entra ID), when OIDC is configured.</item>
/// </list>
/// A credential is checked first, so a valid one is always accepted; a refused one counts against itself and against
/// the client address (a weak signal with a far higher limit), and a locked one gets 429.
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
    private static readonly PrincipalRef ExecutorPrincipal = PrincipalRef.User(ExecutorCredentials.UserName);

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
            ? await AuthenticateOidcAsync(context, parsed.Parameter, cancellationToken)
            : AuthenticationOutcome.Refused("The bearer token is not a Stratus API token (stratus_pat_… or stratus_tt_…), and no identity provider is configured.");
    }

    private async Task<AuthenticationOutcome> AuthenticateTokenAsync(HttpContext context, string secret, CancellationToken cancellationToken)
    {
        // The credential is checked before any throttle: a valid token is never refused for anyone's failures.
        var (outcome, known) = await ResolveTokenAsync(secret, cancellationToken);
        if (outcome.Caller is not null)
        {
            return outcome;
        }

        // Job steps call from the executor's address (loopback) with tokens of user stratus-executor. A stored step
        // token that is refused (expired) counts against itself only, never against that shared address. A token
        // that is not stored cannot claim to be one: it counts as a guess.
        var countAddress = known?.Owner != ExecutorPrincipal;
        return await CountFailureAsync(context, secret, countAddress, outcome, async () =>
        {
            IdentityLog.TokenRejected(logger, context.ClientAddress(), outcome.Failure!);
            await audit.RecordAsync(context, IdentityAudit.LoginFailed, "token:unknown", "anonymous", "failed", new() { ["reason"] = outcome.Failure }, cancellationToken);
        }, cancellationToken);
    }

    /// <returns>The outcome, and the token the secret belongs to when it is stored (even if it was refused).</returns>
    private async Task<(AuthenticationOutcome Outcome, ApiToken? Token)> ResolveTokenAsync(string secret, CancellationToken cancellationToken)
    {
        const string Unknown = "The API token is not valid: it is malformed, revoked or unknown. Create a new one with POST /api/v1/tokens.";
        if (!TokenSecrets.TryRecognize(secret, out _) || await tokens.FindAsync(secret, cancellationToken) is not { } token)
        {
            return (AuthenticationOutcome.Refused(Unknown), null);
        }

        if (token.IsExpired(time.GetUtcNow()))
        {
            return (AuthenticationOutcome.Refused($"The API token '{token.Name}' expired at {token.ExpiresAt:u}. Create a new one."), token);
        }

        if (token.Kind == TokenKind.Team)
        {
            return (await teams.GetAsync(token.Owner.Name, cancellationToken) is null
                ? AuthenticationOutcome.Refused(Unknown)
                : AuthenticationOutcome.Success(new Caller(token.Owner, "team-token", token, [token.Owner.Name])), token);
        }

        var user = await users.GetAsync(token.Owner.Name, cancellationToken);
        if (user is null || user.Disabled)
        {
            return (AuthenticationOutcome.Refused("The API token belongs to a user who is disabled or removed."), token);
        }

        var memberOf = await teams.TeamsOfAsync(user.Name, user.Groups, cancellationToken);
        return (AuthenticationOutcome.Success(new Caller(token.Owner, "token", token, memberOf)), token);
    }

    private async Task<AuthenticationOutcome> AuthenticateOidcAsync(HttpContext context, string jwt, CancellationToken cancellationToken)
    {
        var (outcome, target, reason) = await ResolveOidcAsync(context, cancellationToken);
        if (outcome.Caller is not null)
        {
            return outcome;
        }

        return await CountFailureAsync(context, jwt, countAddress: true, outcome, async () =>
        {
            IdentityLog.OidcRejected(logger, context.ClientAddress(), reason!);
            await audit.RecordAsync(context, IdentityAudit.LoginFailed, target!, "anonymous", "failed", new() { ["reason"] = reason, ["method"] = "oidc" }, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>
    /// Counts a refused credential against itself and (unless exempt) against the client address. While either is
    /// locked, the answer is 429 at once, with no audit record and no write (the address is read first, so a flood of
    /// new random tokens from a locked-out address costs reads only). Otherwise <paramref name="record"/> logs and
    /// audits the failure.
    /// </summary>
    private async Task<AuthenticationOutcome> CountFailureAsync(HttpContext context, string credential, bool countAddress, AuthenticationOutcome refusal, Func<Task> record, CancellationToken cancellationToken)
    {
        var limits = options.Value.Throttle;
        if (countAddress && await throttle.LockedForAsync(ThrottleKeys.Address(context), cancellationToken) is { } locked)
        {
            return AuthenticationOutcome.Throttled(locked, AuthenticationOutcome.AddressLocked);
        }

        var byCredential = await throttle.CountAttemptAsync(ThrottleKeys.Credential(credential), limits.PerCredentialFailureLimit, cancellationToken);
        if (!byCredential.Allowed)
        {
            return AuthenticationOutcome.Throttled(byCredential.LockedFor!.Value, AuthenticationOutcome.CredentialLocked);
        }

        var byAddress = countAddress ? await throttle.CountAttemptAsync(ThrottleKeys.Address(context), limits.PerAddressFailureLimit, cancellationToken) : null;
        if (byAddress is { Allowed: false, LockedFor: { } addressLocked })
        {
            return AuthenticationOutcome.Throttled(addressLocked, AuthenticationOutcome.AddressLocked);
        }

        await record();
        if (byAddress?.LockedFor is { } addressLockout)
        {
            IdentityLog.LockedOut(logger, $"address:{context.ClientAddress()}", addressLockout.TotalSeconds);
            return AuthenticationOutcome.Throttled(addressLockout, AuthenticationOutcome.AddressLocked);
        }

        return byCredential.LockedFor is { } credentialLockout ? AuthenticationOutcome.Throttled(credentialLockout, AuthenticationOutcome.CredentialLocked) : refusal;
    }

    /// <returns>The outcome; for a refusal, the audit target and the reason to record.</returns>
    private async Task<(AuthenticationOutcome Outcome, string? Target, string? Reason)> ResolveOidcAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var result = await context.AuthenticateAsync(OidcScheme);
        if (!result.Succeeded)
        {
            var reason = result.Failure?.Message ?? "no token was found";
            return RefuseOidc("user:unknown", reason, OidcFailureDescriber.Describe(result.Failure));
        }

        var oidc = options.Value.Oidc;
        var principal = result.Principal!;
        var name = principal.FindFirstValue(oidc.NameClaim)?.ToLowerInvariant();
        if (IdentityNames.Problem(name, "user name") is { } problem)
        {
            var detail = $"The identity provider token's '{oidc.NameClaim}' claim cannot name a Stratus user: {problem}";
            return RefuseOidc("user:unknown", detail, detail);
        }

        var groups = principal.FindAll(oidc.GroupsClaim).Select(c => c.Value).Where(g => GroupNames.Problem(g) is null).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var user = await users.RecordOidcSignInAsync(name!, principal.FindFirstValue("name"), principal.FindFirstValue("email"), groups, time.GetUtcNow(), cancellationToken);
        if (user is null)
        {
            // A local user of that name exists: an identity-provider token must never become a local account (or the bootstrap admin).
            return RefuseOidc($"user:{name}", "the name belongs to a local user", "This user name belongs to a local Stratus user, not to the identity provider.");
        }

        if (user.Disabled)
        {
            return RefuseOidc($"user:{name}", "the user is disabled", "This user is disabled in Stratus.");
        }

        var memberOf = await teams.TeamsOfAsync(user.Name, groups, cancellationToken);
        return (AuthenticationOutcome.Success(new Caller(PrincipalRef.User(user.Name), "oidc", null, memberOf)), null, null);
    }

    private static (AuthenticationOutcome, string?, string?) RefuseOidc(string target, string reason, string detail) =>
        (AuthenticationOutcome.Refused($"The identity provider token was refused. {detail}"), target, reason);

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
