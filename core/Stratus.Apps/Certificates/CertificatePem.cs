using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Stratus.Apps.Certificates;

/// <summary>Checks a PEM certificate and private key the way a router will load them, and reads what a listing shows.</summary>
public static class CertificatePem
{
    /// <param name="Field">The request field at fault: <c>certificate</c> or <c>key</c>.</param>
    public sealed record Problem(string Field, string Detail);

    /// <summary>The certificate's summary, or the problem with the request's <c>certificate</c> or <c>key</c>.</summary>
    public static (AppCertificate? Certificate, Problem? Problem) Read(string cname, string certificate, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(cname);
        X509Certificate2 leaf;
        try
        {
            leaf = X509Certificate2.CreateFromPem(certificate);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            return (null, new Problem("certificate", $"'certificate' is not a PEM X.509 certificate ({e.Message}); send the certificate chain as PEM, the server's certificate first."));
        }

        using (leaf)
        {
            try
            {
                using var paired = X509Certificate2.CreateFromPem(certificate, key);
            }
            catch (Exception e) when (e is CryptographicException or ArgumentException)
            {
                return (null, new Problem("key", $"'key' is not a PEM private key that matches the certificate ({e.Message}); send the certificate's own key, unencrypted, as PEM."));
            }

            if (!leaf.MatchesHostname(cname))
            {
                return (null, new Problem("certificate", $"'certificate' ({leaf.Subject}) does not cover '{cname}'; send one whose names include it."));
            }

            return (new AppCertificate(cname, leaf.Subject, leaf.Issuer, new DateTimeOffset(leaf.NotAfter.ToUniversalTime(), TimeSpan.Zero), null), null);
        }
    }
}
