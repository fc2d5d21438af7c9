namespace Stratus.Kubernetes.Routing;

/// <summary>
/// A router: Tsuru's router API, a Kubernetes Ingress, or the built-in local proxy. Ensure is idempotent (create or
/// update), like Tsuru's <c>PUT /backend/{name}</c>, and carries the whole state: cnames, certificates and issuers
/// the route no longer names are removed.
/// </summary>
public interface IAppRouter
{
    /// <summary><c>tsuru-api</c>, <c>ingress</c> or <c>local</c>, as pools name it.</summary>
    string Name { get; }

    Task EnsureBackendAsync(RouteSpec route, CancellationToken cancellationToken);

    Task RemoveBackendAsync(string app, CancellationToken cancellationToken);

    /// <summary>The addresses the router publishes the app on, as the router knows them; empty when it cannot tell.</summary>
    Task<IReadOnlyList<string>> GetAddressesAsync(string app, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([]);
}
