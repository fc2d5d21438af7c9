namespace Stratus.Kubernetes.Routing;

/// <summary>A cname's TLS certificate chain and private key, both PEM, as a router installs them.</summary>
public sealed record RouteCertificate(string Certificate, string Key)
{
    /// <summary>Keeps the private key out of logs and exception messages that print the route.</summary>
    public override string ToString() => "RouteCertificate { Key = *** }";
}
