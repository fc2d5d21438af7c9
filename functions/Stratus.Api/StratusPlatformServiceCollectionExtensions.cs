using Stratus.Api.Api;
using Stratus.Api.Apps;
using Stratus.Api.Events;
using Stratus.Api.Health;
using Stratus.Api.Identity;
using Stratus.Api.Infra;
using Stratus.Api.Maintenance;
using Stratus.Api.Telemetry;
using Stratus.Api.Triggers;
using Stratus.Durable;
using Stratus.Storage;

namespace Stratus.Api;

/// <summary>The one composition both hosts share: they add only what fires triggers and runs the orchestrations.</summary>
internal static class StratusPlatformServiceCollectionExtensions
{
    /// <summary>
    /// Storage, the API with its authentication and access checks, every domain, the trigger handler classes, their
    /// declarations, and the orchestrator and activity classes with their dependencies. The standalone host adds its
    /// timer and queue loops; the Azure app calls <see cref="DurableServiceCollectionExtensions.AddExternalDurableRuntime"/>
    /// first, so no durable backend or worker is registered.
    /// </summary>
    public static IServiceCollection AddStratusPlatform(this IServiceCollection services, IConfiguration configuration, StratusHost host)
    {
        services.AddSingleton(host);
        services.AddStratusStorage(configuration);
        services.AddStratusApi(configuration);
        services.AddStratusIdentity(configuration);
        services.AddStratusInfra(configuration);
        services.AddStratusApps(configuration);
        services.AddStratusTelemetry();
        services.AddStratusHealthChecks();
        services.AddHttpFunction();
        services.AddStratusMaintenance();
        services.AddStratusEvents();
        services.AddStratusDurable(configuration);
        return services;
    }
}
