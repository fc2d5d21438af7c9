using Stratus.Apps.Apps;
using Stratus.Identity.Authorization;

namespace Stratus.Api.Apps;

/// <summary>An app sits in its owner team and its pool, as in Tsuru: a grant on either covers the app.</summary>
internal sealed class AppScopeParentResolver(AppStore apps) : IScopeParentResolver
{
    public ScopeKind Kind => ScopeKind.App;

    public async Task<IReadOnlyList<Scope>> GetParentsAsync(string value, CancellationToken cancellationToken) =>
        await apps.GetAsync(value, cancellationToken) is { } app
            ? [Scope.Of(ScopeKind.Team, app.TeamOwner), Scope.Of(ScopeKind.Pool, app.Pool)]
            : [];
}
