using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Identity.Tokens;
using Xunit;

namespace Stratus.Testing.Terraform;

/// <summary>
/// The standalone API on real loopback ports, HTTP and HTTPS, with the product's own HTTPS set-up: no certificate is
/// configured, so the server's comes from the local CA the host makes in its data folder (<see cref="CaCertificatePath"/>).
/// Terraform speaks its registry, login and TFE protocols only over HTTPS; <see cref="Terraform"/> runs it against
/// this server under the name <see cref="Hostname"/>. Jobs run in-process (the durable worker on the embedded store)
/// and call the state backend back over HTTP, as a local host's do.
/// </summary>
public class StratusHttpsServer : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>The host name terraform uses for this server: its CLI config maps the name's services onto the server.</summary>
    public const string Hostname = "stratus.test";

    private readonly string _dataPath = Directory.CreateTempSubdirectory("stratus-https-").FullName;
    private readonly int _httpPort = FreePort.Next();
    private readonly int _httpsPort = FreePort.Next();
    private X509Certificate2? _ca;

    public string AdminToken { get; } = TokenSecrets.Create(TokenKind.Personal);

    /// <summary>The HTTPS address, e.g. <c>https://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress => new($"https://127.0.0.1:{_httpsPort}/");

    /// <summary>The plain HTTP address (job steps call the state backend there).</summary>
    public Uri HttpAddress => new($"http://127.0.0.1:{_httpPort}/");

    public string DataPath => _dataPath;

    /// <summary>Where step working directories are made.</summary>
    public string WorkRoot => Path.Combine(_dataPath, "work");

    /// <summary>The local CA's certificate (PEM), made by the host at start: what a client trusts.</summary>
    public string CaCertificatePath => Path.Combine(_dataPath, "tls", "ca.crt");

    public Task InitializeAsync()
    {
        // No addresses here: the host listens where its own settings say (Stratus:Url and Stratus:HttpsUrl below),
        // so HTTPS is set up the way a standalone host does it.
        UseKestrel();
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        if (!addresses.Any(a => a.StartsWith("https://", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException($"The host listens on {string.Join(", ", addresses)}, without HTTPS.");
        }

        _ca = X509Certificate2.CreateFromPem(File.ReadAllText(CaCertificatePath));
        return Task.CompletedTask;
    }

    /// <summary>A client of the HTTPS address that trusts the local CA (and nothing else), sending <paramref name="token"/>.</summary>
    public HttpClient Client(string? token)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, certificate, _, errors) => (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None && TrustedByCa(certificate) },
        };
        var client = new HttpClient(handler) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(100) };
        client.DefaultRequestHeaders.Authorization = token is null ? null : new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The real terraform in <paramref name="workingDirectory"/>, reaching this server as <see cref="Hostname"/>.</summary>
    public TerraformCli Terraform(string workingDirectory, string? token) => new(this, workingDirectory, token);

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        _ca?.Dispose();
        DataFolders.Delete(_dataPath);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Stratus:Url", HttpAddress.ToString().TrimEnd('/'));
        builder.UseSetting("Stratus:HttpsUrl", BaseAddress.ToString().TrimEnd('/'));
        builder.UseSetting("Stratus:Infra:Jobs:ApiUrl", HttpAddress.ToString().TrimEnd('/'));
        builder.UseSetting("Stratus:Infra:Jobs:WorkRoot", WorkRoot);
        builder.UseSetting("Stratus:Infra:AllowFileGitSources", "true");

        // The step sandboxes' podman store: the test run's shared one, or one beside (not inside) the data folder.
        builder.UseSetting("Stratus:Apps:ContainerTools:Directory", Environment.GetEnvironmentVariable("STRATUS_TEST_CONTAINERS_DIR") is { Length: > 0 } shared ? shared : _dataPath + "-containers");
        builder.UseSetting("Stratus:Storage:Provider", "Embedded");
        builder.UseSetting("Stratus:Storage:DataPath", _dataPath);
        builder.UseSetting("Stratus:Identity:BootstrapAdminToken", AdminToken);
        ConfigureSettings(builder);
    }

    /// <summary>Settings a derived fixture adds or changes.</summary>
    protected virtual void ConfigureSettings(IWebHostBuilder builder)
    {
    }

    private bool TrustedByCa(X509Certificate? presented)
    {
        if (presented is null || _ca is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var certificate = new X509Certificate2(presented);
        return chain.Build(certificate);
    }
}
