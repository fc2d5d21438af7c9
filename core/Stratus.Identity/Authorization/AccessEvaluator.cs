using Stratus.Identity.Principals;
using Stratus.Identity.Stores;

namespace Stratus.Identity.Authorization;

/// <summary>
/// Decides whether a caller holds a permission on a scope: some grant to one of its principals names a role that
/// allows the permission, on the scope itself or on one of its ancestors (global contains everything).
/// </summary>
public sealed class AccessEvaluator(GrantStore grants, RoleStore roles, IEnumerable<IScopeParentResolver> resolvers)
{
    private const int MaxDepth = 4;
    private readonly Dictionary<ScopeKind, IScopeParentResolver> _resolvers = resolvers.ToDictionary(r => r.Kind);

    public async Task<bool> IsAllowedAsync(Caller caller, string permission, Scope target, CancellationToken cancellationToken)
    {
        var held = new List<Grant>();
        foreach (var principal in caller.Principals)
        {
            held.AddRange(await grants.ForPrincipalAsync(principal, cancellationToken));
        }

        var roleCache = new Dictionary<string, Role?>(StringComparer.Ordinal);
        var candidates = new List<Grant>();
        foreach (var grant in held)
        {
            if (!roleCache.TryGetValue(grant.Role, out var role))
            {
                role = roleCache[grant.Role] = await roles.GetAsync(grant.Role, cancellationToken);
            }

            if (role?.Allows(permission) == true)
            {
                candidates.Add(grant);
            }
        }

        if (candidates.Count == 0)
        {
            return false;
        }

        var chain = await ScopeChainAsync(target, cancellationToken);
        return candidates.Any(g => chain.Contains(g.Scope));
    }

    /// <summary>The scope and every scope that contains it, global last.</summary>
    public async Task<IReadOnlySet<Scope>> ScopeChainAsync(Scope target, CancellationToken cancellationToken)
    {
        var chain = new HashSet<Scope> { target, Scope.Global };
        var frontier = new List<Scope> { target };
        for (var depth = 0; depth < MaxDepth && frontier.Count > 0; depth++)
        {
            var next = new List<Scope>();
            foreach (var scope in frontier)
            {
                var parents = scope.ImpliedParents().ToList();
                if (_resolvers.TryGetValue(scope.Kind, out var resolver))
                {
                    parents.AddRange(await resolver.GetParentsAsync(scope.Value, cancellationToken));
                }

                next.AddRange(parents.Where(chain.Add));
            }

            frontier = next;
        }

        return chain;
    }
}
