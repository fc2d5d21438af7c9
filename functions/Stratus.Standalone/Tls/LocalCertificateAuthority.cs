using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Stratus.Standalone.Tls;

/// <summary>
/// The standalone host's own certificate authority, for HTTPS on one machine: terraform speaks the registry, login and
/// TFE protocols only over HTTPS, and a developer has no certificate for 127.0.0.1. Made once in the data folder's
/// <c>tls/</c> (the CA's key and the server key readable by the owner only) and reused, so a client trusts the CA
/// once (<c>SSL_CERT_FILE</c>, or the system store) and keeps trusting it across restarts; the server certificate is
/// issued again from the same CA when it nears its end or a configured host name is new.
/// </summary>
internal sealed class LocalCertificateAuthority
{
    private static readonly TimeSpan CaLifetime = TimeSpan.FromDays(3650);

    // Browsers and Apple's TLS stack refuse server certificates valid for more than 398 days.
    private static readonly TimeSpan ServerLifetime = TimeSpan.FromDays(397);
    private static readonly TimeSpan RenewBefore = TimeSpan.FromDays(30);

    private readonly string _folder;
    private readonly TimeProvider _time;

    public LocalCertificateAuthority(string folder, TimeProvider time)
    {
        _folder = folder;
        _time = time;
    }

    /// <summary>The CA certificate (PEM) a client trusts.</summary>
    public string CaCertificatePath => Path.Combine(_folder, "ca.crt");

    private string CaKeyPath => Path.Combine(_folder, "ca.key");

    private string ServerCertificatePath => Path.Combine(_folder, "server.crt");

    private string ServerKeyPath => Path.Combine(_folder, "server.key");

    /// <summary>
    /// The server certificate for <paramref name="hostNames"/> (names or IP addresses), issued by the CA; both are made
    /// when missing. Two processes on one data folder take turns through a lock file, so they end with one CA.
    /// </summary>
    public X509Certificate2 ServerCertificate(IReadOnlyCollection<string> hostNames)
    {
        Directory.CreateDirectory(_folder);
        using var guard = Lock();
        var now = _time.GetUtcNow();
        using var ca = LoadOrCreateCa(now);
        if (File.Exists(ServerCertificatePath) && File.Exists(ServerKeyPath))
        {
            var existing = X509Certificate2.CreateFromPemFile(ServerCertificatePath, ServerKeyPath);
            if (existing.NotAfter.ToUniversalTime() - RenewBefore > now.UtcDateTime && Covers(existing, hostNames) && IssuedBy(existing, ca))
            {
                return existing;
            }

            existing.Dispose();
        }

        return IssueServerCertificate(ca, hostNames, now);
    }

    private FileStream Lock()
    {
        var path = Path.Combine(_folder, ".lock");
        var deadline = _time.GetUtcNow() + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (_time.GetUtcNow() < deadline)
            {
                // Another process is making the certificates: they are on disk once its lock is gone.
                Thread.Sleep(50);
            }
        }
    }

    private X509Certificate2 LoadOrCreateCa(DateTimeOffset now)
    {
        if (File.Exists(CaCertificatePath) && File.Exists(CaKeyPath))
        {
            return X509Certificate2.CreateFromPemFile(CaCertificatePath, CaKeyPath);
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN=Stratus local CA ({Environment.MachineName}), O=Stratus", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        var ca = request.CreateSelfSigned(now.AddMinutes(-5), now.Add(CaLifetime));
        WritePrivate(CaKeyPath, key.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(CaCertificatePath, ca.ExportCertificatePem());
        return ca;
    }

    private X509Certificate2 IssueServerCertificate(X509Certificate2 ca, IReadOnlyCollection<string> hostNames, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={hostNames.First()}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var name in hostNames)
        {
            if (IPAddress.TryParse(name, out var address))
            {
                names.AddIpAddress(address);
            }
            else
            {
                names.AddDnsName(name);
            }
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var notAfter = now.Add(ServerLifetime) < ca.NotAfter ? now.Add(ServerLifetime) : new DateTimeOffset(ca.NotAfter.ToUniversalTime());
        using var issued = request.Create(ca, now.AddMinutes(-5), notAfter, RandomNumberGenerator.GetBytes(16));
        WritePrivate(ServerKeyPath, key.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(ServerCertificatePath, issued.ExportCertificatePem());
        return issued.CopyWithPrivateKey(key);
    }

    private static bool Covers(X509Certificate2 certificate, IReadOnlyCollection<string> hostNames)
    {
        var present = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>()
            .SelectMany(san => san.EnumerateDnsNames().Concat(san.EnumerateIPAddresses().Select(a => a.ToString())))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        return hostNames.All(name => present.Contains(IPAddress.TryParse(name, out var address) ? address.ToString() : name));
    }

    private static bool IssuedBy(X509Certificate2 certificate, X509Certificate2 ca) =>
        certificate.IssuerName.RawData.AsSpan().SequenceEqual(ca.SubjectName.RawData);

    private static void WritePrivate(string path, string pem)
    {
        // Created owner-only before the key is written, so it is never readable by others, not even for a moment.
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(pem);
        }

        if (!OperatingSystem.IsWindows())
        {
            // A file left by an older run keeps its mode through FileMode.Create: narrow it too.
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
