namespace Stratus.Apps.Certificates;

/// <summary>
/// What an app's cname has for HTTPS: a certificate given by hand (its <see cref="Subject"/>, <see cref="Issuer"/>
/// and <see cref="NotAfter"/> are listed; the key never is), or a cert-manager <see cref="CertIssuer"/> that gets one.
/// </summary>
public sealed record AppCertificate(string Cname, string? Subject, string? Issuer, DateTimeOffset? NotAfter, string? CertIssuer);
