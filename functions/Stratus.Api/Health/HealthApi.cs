using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Stratus.Api.Security;

namespace Stratus.Api.Health;

internal static class HealthApi
{
    /// <summary><c>/health/live</c>: the process answers. <c>/health/ready</c>: storage answers too.</summary>
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false })
            .WithName("HealthLive")
            .WithTags("Health")
            .AllowPublicAccess("load balancers and the Functions host probe without credentials");
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(HealthChecksServiceCollectionExtensions.ReadyTag) })
            .WithName("HealthReady")
            .WithTags("Health")
            .AllowPublicAccess("load balancers and the Functions host probe without credentials");
        return endpoints;
    }
}
