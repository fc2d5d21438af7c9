using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Stratus.Functions.Health;

internal static class HealthApi
{
    /// <summary><c>/health/live</c>: the process answers. <c>/health/ready</c>: storage answers too.</summary>
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false })
            .WithName("HealthLive")
            .WithTags("Health");
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(HealthChecksServiceCollectionExtensions.ReadyTag) })
            .WithName("HealthReady")
            .WithTags("Health");
        return endpoints;
    }
}
