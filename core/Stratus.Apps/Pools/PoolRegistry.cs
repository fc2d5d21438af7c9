namespace Stratus.Apps.Pools;

/// <summary>The registry a pool's app images are pushed to: <c>{Address}/{Namespace}/app-&lt;app&gt;:v&lt;N&gt;</c>.</summary>
public sealed record PoolRegistry(string Address, string Namespace, bool Insecure);
