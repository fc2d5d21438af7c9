namespace Stratus.Apps.Certificates;

/// <summary>What a route hands the router about the app's cnames: certificates with keys, cert-manager issuers, and certificates unset since the last route.</summary>
public sealed record AppRouteCertificates(
    IReadOnlyDictionary<string, (string Certificate, string Key)> Certificates,
    IReadOnlyDictionary<string, string> Issuers,
    IReadOnlyList<string> Removed);
