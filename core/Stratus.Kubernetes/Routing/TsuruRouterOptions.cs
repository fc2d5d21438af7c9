namespace Stratus.Kubernetes.Routing;

public sealed class TsuruRouterOptions
{
    /// <summary>Tsuru's <c>api-url</c>: the router API's root, <c>/api</c> included (<c>http://router:8077/api</c>); used as given.</summary>
    public required Uri ApiUrl { get; init; }

    /// <summary>Sent as <c>X-Router-Instance</c> when one router serves several instances.</summary>
    public string? Instance { get; init; }

    /// <summary>Sent as <c>Authorization: Bearer</c> when set.</summary>
    public string? Token { get; init; }

    /// <summary>kubernetes-router's mode (<c>service</c>, <c>ingress</c>, <c>ingress-nginx</c>, …), a path segment after <see cref="ApiUrl"/>.</summary>
    public string? Mode { get; init; }

    /// <summary>Extra headers on every request, as Tsuru's router <c>headers</c> setting.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
}
