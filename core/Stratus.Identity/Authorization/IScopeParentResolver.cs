namespace Stratus.Identity.Authorization;

/// <summary>
/// Where a resource sits, for scope checks: an app's team and pool, for instance. Each area registers one for the scope
/// kind it owns; a grant on a parent covers the resource. An unknown resource has no parents, so a caller without a
/// global grant is refused the same way whether or not it exists.
/// </summary>
public interface IScopeParentResolver
{
    ScopeKind Kind { get; }

    Task<IReadOnlyList<Scope>> GetParentsAsync(string value, CancellationToken cancellationToken);
}
