using Microsoft.AspNetCore.Hosting;
using Stratus.Api.Tests.Infra.Jobs;

namespace Stratus.Api.Tests.Infra.Vcs;

/// <summary>
/// The jobs server (real queue listeners, durable worker, terraform) polling queues often, so a delivery that keeps
/// failing reaches the poison queue in a second or two instead of minutes.
/// </summary>
public sealed class VcsApiServer : JobsApiServer
{
    protected override void AddSettings(IWebHostBuilder builder)
    {
        builder.UseSetting("Stratus:Functions:Queues:MaxPollingInterval", "00:00:00.200");
        builder.UseSetting("Stratus:Functions:Queues:VisibilityTimeout", "00:00:00");
    }
}
