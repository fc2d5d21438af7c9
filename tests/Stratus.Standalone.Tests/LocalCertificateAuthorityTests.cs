using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Time.Testing;
using Stratus.Standalone.Tls;

namespace Stratus.Standalone.Tests;

public sealed class LocalCertificateAuthorityTests : IDisposable
{
    private readonly string _folder = Path.Combine(Directory.CreateTempSubdirectory("stratus-ca-").FullName, "tls");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void ServerCertificate_FirstStart_IssuesFromANewCaThatChainsAndCoversTheNames()
    {
        var ca = new LocalCertificateAuthority(_folder, _clock);

        using var server = ca.ServerCertificate(["localhost", "127.0.0.1", "stratus.test"]);
        using var root = X509Certificate2.CreateFromPem(File.ReadAllText(ca.CaCertificatePath));

        Assert.True(server.HasPrivateKey);
        Assert.True(Chains(server, root));
        var san = server.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal(["localhost", "stratus.test"], san.EnumerateDnsNames().Order());
        Assert.Equal("127.0.0.1", san.EnumerateIPAddresses().Single().ToString());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_folder, "ca.key")));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_folder, "server.key")));
        }
    }

    [Fact]
    public void ServerCertificate_Restart_ReusesTheCaAndTheCertificate()
    {
        using var first = new LocalCertificateAuthority(_folder, _clock).ServerCertificate(["localhost"]);
        var caBefore = File.ReadAllText(Path.Combine(_folder, "ca.crt"));

        using var second = new LocalCertificateAuthority(_folder, _clock).ServerCertificate(["localhost"]);

        Assert.Equal(first.Thumbprint, second.Thumbprint);
        Assert.Equal(caBefore, File.ReadAllText(Path.Combine(_folder, "ca.crt")));
    }

    [Fact]
    public void ServerCertificate_NewNameOrNearItsEnd_IsIssuedAgainFromTheSameCa()
    {
        var ca = new LocalCertificateAuthority(_folder, _clock);
        using var first = ca.ServerCertificate(["localhost"]);
        var caBefore = File.ReadAllText(ca.CaCertificatePath);

        using var withName = ca.ServerCertificate(["localhost", "stratus.example.test"]);
        _clock.Advance(TimeSpan.FromDays(380));
        using var renewed = ca.ServerCertificate(["localhost", "stratus.example.test"]);
        using var root = X509Certificate2.CreateFromPem(File.ReadAllText(ca.CaCertificatePath));

        Assert.NotEqual(first.Thumbprint, withName.Thumbprint);
        Assert.NotEqual(withName.Thumbprint, renewed.Thumbprint);
        Assert.True(renewed.NotAfter.ToUniversalTime() > _clock.GetUtcNow().UtcDateTime.AddDays(300));
        Assert.Equal(caBefore, File.ReadAllText(ca.CaCertificatePath));
        Assert.True(Chains(renewed, root));
    }

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_folder)!, recursive: true);

    private bool Chains(X509Certificate2 certificate, X509Certificate2 root)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = _clock.GetUtcNow().UtcDateTime;
        return chain.Build(certificate);
    }
}
