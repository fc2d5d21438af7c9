using Microsoft.Extensions.Options;
using Stratus.Identity.Stores;

namespace Stratus.Api.Identity;

/// <summary>
/// On start, makes sure the store has its first admin. A generated token is written to the console, not the log, so
/// that log exporters never carry it; it is shown this once and kept only as a hash.
/// </summary>
internal sealed class IdentityBootstrapService(BootstrapAdmin bootstrap, IOptions<IdentityOptions> options, ILogger<IdentityBootstrapService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.CreateBootstrapAdmin)
        {
            return;
        }

        var token = await bootstrap.EnsureAsync(options.Value.BootstrapAdminToken, cancellationToken);
        if (options.Value.BootstrapAdminToken is not null)
        {
            IdentityLog.BootstrapTokenConfigured(logger);
        }
        else if (token is not null)
        {
            await Console.Out.WriteLineAsync($"""

                Stratus bootstrap admin token (shown once; only its hash is stored):

                    {token}

                Use it as 'Authorization: Bearer <token>'. Create users, teams and grants with it, then revoke it.

                """.AsMemory(), cancellationToken);
            IdentityLog.BootstrapTokenIssued(logger);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
