using Stratus.Api.Api.Validation;
using Stratus.Apps.Pools;

namespace Stratus.Api.Apps.Pools;

/// <summary>
/// A whole pool, for POST and PUT alike (PUT replaces every field; the name comes from the route and cannot change).
/// An omitted provisioner is <c>podman</c> and an omitted router <c>local</c>, the local setup's pool.
/// </summary>
internal sealed record PoolRequest(
    [property: Text(InputLimits.Name)] string? Name,
    [property: Text(InputLimits.Keyword)] string? Provisioner,
    [property: Text(InputLimits.Keyword)] string? Router,
    [property: TextMap(InputLimits.MaxRouterOptions, InputLimits.RouterOptionKey, InputLimits.RouterOptionValue)] Dictionary<string, string?>? RouterOptions,
    PoolRegistryRequest? Registry,
    PoolKubernetesRequest? Kubernetes,
    bool? Default,
    [property: TextList(InputLimits.MaxPoolTeams, InputLimits.IdentityName)] List<string?>? Teams)
{
    /// <returns>What to fix in the parts <see cref="Pool.Problem"/> does not check, or <c>null</c>.</returns>
    public string? ShapeProblem()
    {
        if (RouterOptions?.FirstOrDefault(o => string.IsNullOrWhiteSpace(o.Key) || o.Value is null) is { Key: { } key })
        {
            return $"The router option '{key}' needs a non-empty name and a string value.";
        }

        if (Teams is not null && Teams.Any(string.IsNullOrEmpty))
        {
            return "The pool's teams must be team names; an empty or null entry is not.";
        }

        return null;
    }

    public Pool ToPool(string name) => new(
        name,
        Provisioner ?? PoolProvisioners.Podman,
        Router ?? PoolRouters.Local,
        RouterOptions?.ToDictionary(o => o.Key, o => o.Value ?? "", StringComparer.Ordinal) ?? new Dictionary<string, string>(StringComparer.Ordinal),
        new PoolRegistry(Registry?.Address?.Trim() ?? "", Registry?.Namespace?.Trim() ?? "", Registry?.Insecure ?? false),
        Kubernetes is null ? null : new PoolKubernetes(Kubernetes.Server?.Trim() ?? "", Kubernetes.Namespace?.Trim() ?? ""),
        Default ?? false,
        Teams?.OfType<string>().Distinct(StringComparer.Ordinal).ToList() ?? []);
}
