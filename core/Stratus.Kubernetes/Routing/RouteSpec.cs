namespace Stratus.Kubernetes.Routing;

/// <summary>An app's routes: Tsuru's prefixes <c>""</c>, <c>&lt;proc&gt;.process</c>, <c>v&lt;N&gt;.version</c> and <c>v&lt;N&gt;.version.&lt;proc&gt;.process</c>, plus cnames.</summary>
public sealed record RouteSpec(
    string App,
    string Team,
    IReadOnlyList<string> Cnames,
    IReadOnlyList<RoutePrefix> Prefixes,
    IReadOnlyDictionary<string, string> Options,
    IReadOnlyList<string> Tags)
{
    /// <summary>The app's pool, sent to Tsuru routers as <c>tsuru.io/app-pool</c>.</summary>
    public string? Pool { get; init; }

    /// <summary>The teams that reach the app (Tsuru's <c>tsuru.io/app-teams</c>); empty means the owner only.</summary>
    public IReadOnlyList<string> Teams { get; init; } = [];

    /// <summary>Certificates by cname, installed by the router for HTTPS on that host.</summary>
    public IReadOnlyDictionary<string, RouteCertificate> Certificates { get; init; } = new Dictionary<string, RouteCertificate>(StringComparer.Ordinal);

    /// <summary>
    /// Cnames whose certificate was unset since the last route: a Tsuru router is told to delete them. Only these,
    /// because kubernetes-router fails (500) a delete of a certificate it lacks or that ACME/cert-manager manages.
    /// </summary>
    public IReadOnlyList<string> RemovedCertificates { get; init; } = [];

    /// <summary>cert-manager issuers by cname (Tsuru's <c>certIssuers</c>): the router asks the issuer for the cname's certificate.</summary>
    public IReadOnlyDictionary<string, string> CertIssuers { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
