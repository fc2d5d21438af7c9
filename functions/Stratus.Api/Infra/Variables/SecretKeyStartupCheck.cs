using Stratus.Infra.Variables;
using Stratus.Secrets;

namespace Stratus.Api.Infra.Variables;

/// <summary>Loads (or in local mode creates) the secret key at start, so a bad key file stops the start instead of the first write.</summary>
internal sealed class SecretKeyStartupCheck(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<SecretProtector>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
