using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Stratus.Kubernetes.Runtime;
using Stratus.Testing;

namespace Stratus.Kubernetes.Tests.Runtime;

/// <summary>An https healthcheck against a unit serving a self-signed certificate, as local units do.</summary>
public sealed class PodmanProbeTests
{
    [Fact]
    public async Task CheckAsync_HttpsWithHeaders_AcceptsTheUnitsSelfSignedCertificateAndSendsTheHeaders()
    {
        var ct = TestTimeout.Token(30);
        using var certificate = SelfSigned();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var served = ServeOnceAsync(listener, certificate, ct);
        var probe = new PodmanProbe(PodmanProbe.HttpGet, "/ready", null, 10)
        {
            Scheme = "https",
            Headers = [new("Host", "api.example.test"), new("X-Probe", "stratus")],
        };
        using var http = new HttpClient(PodmanProbeHttpClient.CreatePrimaryHandler());

        // An HTTP probe never runs podman, so it needs no CLI.
        var ready = await probe.CheckAsync(null!, http, "unused", port, TimeSpan.FromSeconds(10), ct);

        Assert.True(ready);
        var request = await served;
        Assert.StartsWith("GET /ready HTTP/1.1\r\n", request, StringComparison.Ordinal);
        Assert.Contains("\r\nHost: api.example.test\r\n", request, StringComparison.Ordinal);
        Assert.Contains("\r\nX-Probe: stratus\r\n", request, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_HttpProbeOfAnHttpsUnit_IsNotReady()
    {
        var ct = TestTimeout.Token(30);
        using var certificate = SelfSigned();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _ = ServeOnceAsync(listener, certificate, ct);
        using var http = new HttpClient(PodmanProbeHttpClient.CreatePrimaryHandler());

        var ready = await new PodmanProbe(PodmanProbe.HttpGet, "/ready", null, 2).CheckAsync(null!, http, "unused", port, TimeSpan.FromSeconds(2), ct);

        Assert.False(ready);
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        using var ephemeral = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>Accepts one TLS connection, answers 200 and returns the request's head.</summary>
    private static async Task<string> ServeOnceAsync(TcpListener listener, X509Certificate2 certificate, CancellationToken ct)
    {
        using var client = await listener.AcceptTcpClientAsync(ct);
        await using var tls = new SslStream(client.GetStream());
        try
        {
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate }, ct);
        }
        catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException)
        {
            return "";
        }

        var head = new StringBuilder();
        var buffer = new byte[1024];
        while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await tls.ReadAsync(buffer, ct);
            if (read == 0)
            {
                break;
            }

            head.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        await tls.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), ct);
        return head.ToString();
    }
}
