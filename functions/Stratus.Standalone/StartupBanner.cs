using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Stratus.Storage;

namespace Stratus.Standalone;

/// <summary>Prints where the API listens and which store it uses, once the server has bound its addresses.</summary>
internal sealed partial class StartupBanner(IServer server, IHostApplicationLifetime lifetime, IStorageAccount storage, ILogger<StartupBanner> logger) : IHostedService
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
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Stratus API listening on {Url} (storage: {Storage}); try {Url}/health/ready")]
    private static partial void LogListening(ILogger logger, string url, string storage);
}
