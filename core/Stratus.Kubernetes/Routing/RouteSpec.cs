namespace Stratus.Kubernetes.Routing;

/// <summary>An app's routes: Tsuru's prefixes <c>""</c>, <c>&lt;proc&gt;.process</c>, <c>v&lt;N&gt;.version</c> and <c>v&lt;N&gt;.version.&lt;proc&gt;.process</c>, plus cnames.</summary>
public sealed record RouteSpec(
    string App,
    string Team,
    IReadOnlyList<string> Cnames,
    IReadOnlyList<RoutePrefix> Prefixes,
    IReadOnlyDictionary<string, string> Options,
    IReadOnlyList<string> Tags);
