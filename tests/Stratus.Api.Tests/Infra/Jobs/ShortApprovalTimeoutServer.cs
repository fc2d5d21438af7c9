using Microsoft.AspNetCore.Hosting;

namespace Stratus.Api.Tests.Infra.Jobs;

/// <summary>The jobs server with an approval timeout of seconds, so a forgotten approval can be watched failing.</summary>
public sealed class ShortApprovalTimeoutServer : JobsApiServer
{
    protected override void AddSettings(IWebHostBuilder builder) => builder.UseSetting("Stratus:Infra:Jobs:ApprovalTimeout", "00:00:03");
}
