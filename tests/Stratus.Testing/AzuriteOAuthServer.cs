using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Stratus.Testing;

/// <summary>
/// A separate Azurite that takes Entra ID bearer tokens: <c>--oauth basic</c>, which Azurite only allows over HTTPS,
/// so it serves a self-signed certificate for 127.0.0.1/localhost made here (no openssl) and written as PEM to a
/// temp folder. In basic mode Azurite checks a token's format, lifetime (nbf/exp/iat), issuer prefix and audience,
/// but not its signature. Started on free 127.0.0.1 ports with in-memory persistence; stopped by its PID on dispose.
/// </summary>
public sealed class AzuriteOAuthServer : IDisposable
{
    public const string AccountName = "devstoreaccount1";

    private readonly Process _process;
    private readonly string _workspace;
    private readonly byte[] _certificate;
    private readonly (int Blob, int Queue, int Table) _ports;
    private int _disposed;

    private AzuriteOAuthServer(Process process, string workspace, byte[] certificate, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        _workspace = workspace;
        _certificate = certificate;
        _ports = (blobPort, queuePort, tablePort);
    }

    public Uri BlobEndpoint => new($"https://127.0.0.1:{_ports.Blob}/{AccountName}");

    public Uri QueueEndpoint => new($"https://127.0.0.1:{_ports.Queue}/{AccountName}");

    public Uri TableEndpoint => new($"https://127.0.0.1:{_ports.Table}/{AccountName}");

    /// <summary>
    /// For <c>HttpClientHandler.ServerCertificateCustomValidationCallback</c>: true only for this server's own
    /// certificate, presented for the name it was made for. The one tolerated error is the untrusted (self-signed) chain.
    /// </summary>
    public bool IsServerCertificate(X509Certificate2? certificate, SslPolicyErrors errors) =>
        certificate is not null &&
        (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None &&
        certificate.RawDataMemory.Span.SequenceEqual(_certificate);

    public static async Task<AzuriteOAuthServer> StartAsync()
    {
        var workspace = Directory.CreateTempSubdirectory("stratus-azurite-oauth-").FullName;
        var certPath = Path.Combine(workspace, "cert.pem");
        var keyPath = Path.Combine(workspace, "key.pem");
        var certificate = WriteSelfSignedCertificate(certPath, keyPath);
        AzuriteOAuthServer? server = null;
        try
        {
            await AzuriteProcess.StartAsync(workspace, ["--oauth", "basic", "--cert", certPath, "--key", keyPath], started =>
            {
                server = new AzuriteOAuthServer(started.Process, workspace, certificate, started.Ports.Blob, started.Ports.Queue, started.Ports.Table);
                AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
            });
            return server!;
        }
        catch
        {
            if (server is null)
            {
                Directory.Delete(workspace, recursive: true);
            }

            server?.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        ChildProcess.Stop(_process);
        try
        {
            Directory.Delete(_workspace, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>An RSA certificate for 127.0.0.1 and localhost, valid for a day either side of now; returns its DER bytes.</summary>
    private static byte[] WriteSelfSignedCertificate(string certPath, string keyPath)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")], critical: false));

        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));
        File.WriteAllText(certPath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return certificate.RawData;
    }
}
