using Stratus.Identity.Authorization;
using Stratus.Identity.Principals;
using Stratus.Identity.Stores;
using Stratus.Identity.Tokens;

namespace Stratus.Orchestrations.Jobs;

/// <summary>
/// terraform's http backend calls the state API like any client, so each step gets a token of its own: user
/// <c>stratus-executor</c>, whose only role reads and writes state, for no longer than the step may run. The token is
/// revoked when the step ends; it is masked in the step's log.
/// </summary>
public sealed class ExecutorCredentials(UserStore users, RoleStore roles, GrantStore grants, TokenStore tokens, TimeProvider time)
{
    public const string UserName = "stratus-executor";
    public const string RoleName = "stratus-executor";

    public async Task<IssuedToken> IssueAsync(string tokenName, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await users.CreateAsync(new User(UserName, "Job executor", null, User.LocalSource, false, now, "system", []), password: null, cancellationToken);
        await roles.CreateAsync(new Role(RoleName, "What terraform needs from the state API during a job.", [PermissionNames.StateRead, PermissionNames.StateWrite]), cancellationToken);
        await grants.AddAsync(PrincipalRef.User(UserName), RoleName, Scope.Global, now, "system", cancellationToken);
        return await tokens.IssueAsync(TokenKind.Personal, PrincipalRef.User(UserName), tokenName, now + lifetime, "system", cancellationToken);
    }

    public Task RevokeAsync(IssuedToken token, CancellationToken cancellationToken) => tokens.RevokeAsync(token.Token.Id, cancellationToken);

    /// <summary>
    /// Revokes every executor token named <paramref name="tokenName"/>: a run that re-attaches to a step after a crash
    /// never saw the token the first run issued, only its name.
    /// </summary>
    public async Task RevokeAllNamedAsync(string tokenName, CancellationToken cancellationToken)
    {
        foreach (var token in await tokens.ListAsync(PrincipalRef.User(UserName), cancellationToken))
        {
            if (token.Name == tokenName)
            {
                await tokens.RevokeAsync(token.Id, cancellationToken);
            }
        }
    }

    /// <summary>How the state API records the executor as a lock's holder (<c>Caller.Describe()</c> of a user).</summary>
    public static string LockHolder => PrincipalRef.User(UserName).ToString();
}
