namespace Stratus.Apps.Pools;

/// <summary>The router drivers a pool can route its apps with.</summary>
public static class PoolRouters
{
    /// <summary>The built-in proxy: <c>http://&lt;app&gt;.localhost:&lt;port&gt;</c>.</summary>
    public const string Local = "local";

    /// <summary>A Tsuru kubernetes-router API.</summary>
    public const string TsuruApi = "tsuru-api";

    /// <summary>A Kubernetes Ingress per app.</summary>
    public const string Ingress = "ingress";

    public static IReadOnlyList<string> All { get; } = [Local, TsuruApi, Ingress];
}
