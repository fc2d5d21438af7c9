using Stratus.Apps.Certificates;

namespace Stratus.Api.Apps.Certificates;

/// <summary>A cname's certificate as listed: who it names, who signed it and until when, or the issuer that gets it. Never the key.</summary>
internal sealed record AppCertificateResponse(string Cname, string? Subject, string? Issuer, DateTimeOffset? NotAfter, string? CertIssuer)
{
    public static AppCertificateResponse From(AppCertificate c) => new(c.Cname, c.Subject, c.Issuer, c.NotAfter, c.CertIssuer);
}
