using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Stratus.Testing;

/// <summary>Self-signed certificates made on the spot, PEM, for the host name a test gives (API and CLI certificate tests).</summary>
public static class TestCertificates
{
    public static (string Certificate, string Key) Create(string host)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={host}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(host);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(90));
        return (certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }
}
