using Stratus.Apps.Pools;

namespace Stratus.Api.Apps.Pools;

/// <summary>A pool as the API shows it. Empty <see cref="Teams"/> means every team may use it.</summary>
internal sealed record PoolResponse(
    string Name,
    string Provisioner,
    string Router,
    IReadOnlyDictionary<string, string> RouterOptions,
    PoolRegistry Registry,
    PoolKubernetes? Kubernetes,
    bool Default,
    IReadOnlyList<string> Teams,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static PoolResponse From(Pool p) =>
        new(p.Name, p.Provisioner, p.Router, p.RouterOptions, p.Registry, p.Kubernetes, p.Default, p.Teams, p.CreatedAt, p.UpdatedAt);
}
