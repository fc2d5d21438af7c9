using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Stratus.Standalone.Tls;
using Stratus.Storage;

namespace Stratus.Standalone;

/// <summary>
/// Prints where the API listens and which store it uses, once the server has bound its addresses; with HTTPS on the
/// local CA, also where the CA is and how a client trusts it.
/// </summary>
internal sealed partial class StartupBanner(
    IServer server,
    IHostApplicationLifetime lifetime,
    IStorageAccount storage,
    IConfiguration configuration,
    LocalCertificateAuthority localCa,
    ILogger<StartupBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
            {
                LogListening(logger, address, storage.Description);
            }

            if (addresses.Any(a => a.StartsWith("https:", StringComparison.OrdinalIgnoreCase)) && StandaloneHttps.UsesLocalCertificate(configuration))
            {
                LogLocalCa(logger, localCa.CaCertificatePath);
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Stratus API listening on {Url} (storage: {Storage}); try {Url}/health/ready")]
    private static partial void LogListening(ILogger logger, string url, string storage);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "HTTPS uses Stratus's local CA, {CaPath}. Trust it per command with SSL_CERT_FILE={CaPath} (terraform, curl), or for the machine: sudo cp {CaPath} /usr/local/share/ca-certificates/stratus-local-ca.crt && sudo update-ca-certificates. Configure Kestrel:Certificates:Default to use a certificate of your own.")]
    private static partial void LogLocalCa(ILogger logger, string caPath);
}
