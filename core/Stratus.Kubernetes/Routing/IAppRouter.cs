namespace Stratus.Kubernetes.Routing;

/// <summary>
/// A router: Tsuru's router API, a Kubernetes Ingress, or the built-in local proxy. Ensure is idempotent (create or
/// update), like Tsuru's <c>PUT /backend/{name}</c>.
/// </summary>
public interface IAppRouter
{
    /// <summary><c>tsuru-api</c>, <c>ingress</c> or <c>local</c>, as pools name it.</summary>
    string Name { get; }

    Task EnsureBackendAsync(RouteSpec route, CancellationToken cancellationToken);

    Task RemoveBackendAsync(string app, CancellationToken cancellationToken);
}
