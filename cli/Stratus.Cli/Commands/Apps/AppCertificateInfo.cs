namespace Stratus.Cli.Commands.Apps;

/// <summary>A cname's certificate as the API lists it: subject, issuer and expiry, or the cert-manager issuer that gets it.</summary>
internal sealed record AppCertificateInfo(string Cname, string? Subject, string? Issuer, DateTimeOffset? NotAfter, string? CertIssuer);
