using Stratus.Apps.Names;

namespace Stratus.Apps.Pools;

/// <summary>
/// A pool: where apps run (provisioner, cluster), how they are routed, and which registry holds their images.
/// <see cref="Teams"/> lists the teams that may use it; empty means every team.
/// </summary>
public sealed record Pool(
    string Name,
    string Provisioner,
    string Router,
    IReadOnlyDictionary<string, string> RouterOptions,
    PoolRegistry Registry,
    PoolKubernetes? Kubernetes,
    bool Default,
    IReadOnlyList<string> Teams,
    DateTimeOffset CreatedAt = default,
    DateTimeOffset UpdatedAt = default)
{
    public bool Allows(string team) => Teams.Count == 0 || Teams.Contains(team, StringComparer.Ordinal);

    /// <returns>What to fix, or <c>null</c>.</returns>
    public string? Problem()
    {
        if (AppNames.PoolProblem(Name) is { } name)
        {
            return name;
        }

        if (!PoolProvisioners.All.Contains(Provisioner, StringComparer.Ordinal))
        {
            return $"The provisioner '{Provisioner}' is not known: use one of {string.Join(", ", PoolProvisioners.All)}.";
        }

        if (!PoolRouters.All.Contains(Router, StringComparer.Ordinal))
        {
            return $"The router '{Router}' is not known: use one of {string.Join(", ", PoolRouters.All)}.";
        }

        if (string.IsNullOrWhiteSpace(Registry.Address) || string.IsNullOrWhiteSpace(Registry.Namespace))
        {
            return "The pool's registry needs an address (e.g. 127.0.0.1:5000) and a namespace (e.g. stratus).";
        }

        if (Provisioner == PoolProvisioners.Kubernetes && (Kubernetes is null || string.IsNullOrWhiteSpace(Kubernetes.Server) || string.IsNullOrWhiteSpace(Kubernetes.Namespace)))
        {
            return "A kubernetes pool needs the cluster's server URL and a namespace.";
        }

        return null;
    }
}
