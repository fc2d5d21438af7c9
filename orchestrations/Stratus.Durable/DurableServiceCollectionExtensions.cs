using DurableTask.Core;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Stratus.Storage;

namespace Stratus.Durable;

public static class DurableServiceCollectionExtensions
{
    /// <summary>
    /// Declares that another runtime runs the orchestrations (the Durable Functions extension, under the Functions
    /// host). Call before <see cref="AddStratusDurable"/>: that then registers the classes' dependencies and
    /// <see cref="ActivityCancellation"/>, but no backend, worker or client.
    /// </summary>
    public static IServiceCollection AddExternalDurableRuntime(this IServiceCollection services)
    {
        services.TryAddSingleton<ExternalDurableRuntime>();
        return services;
    }

    /// <summary>
    /// Adds the workflow runtime: the backend <c>Stratus:Durable:Backend</c> names, a <see cref="DurableTaskClient"/>
    /// over it, and (unless <c>Stratus:Durable:RunWorker</c> is false) DTFx's worker as a hosted service. Called again,
    /// e.g. by each feature adding its classes, it adds to the same registry.
    /// </summary>
    public static DurableBuilder AddStratusDurable(this IServiceCollection services, IConfiguration? configuration = null, Action<DurableOptions>? configure = null)
    {
        var registry = services
            .Where(d => !d.IsKeyedService && d.ServiceType == typeof(DurableRegistry))
            .Select(d => d.ImplementationInstance)
            .OfType<DurableRegistry>()
            .FirstOrDefault();
        if (registry is not null)
        {
            if (configure is not null)
            {
                services.Configure(configure);
            }

            return new DurableBuilder(services, registry);
        }

        var options = services.AddOptions<DurableOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration.GetSection(DurableOptions.SectionName));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateDataAnnotations()
            .Validate(o => Enum.IsDefined(o.Backend), "Stratus:Durable:Backend must be Embedded or AzureStorage.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.EmbeddedDatabase), "Stratus:Durable:EmbeddedDatabase must name a file.")
            .Validate(o => o.MaxQueuePollingInterval > TimeSpan.Zero, "Stratus:Durable:MaxQueuePollingInterval must be positive.")
            .ValidateOnStart();

        registry = new DurableRegistry();
        services.AddSingleton(registry);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ActivityCancellation>();
        if (services.Any(d => d.ServiceType == typeof(ExternalDurableRuntime)))
        {
            services.AddHostedService<ActivityCancellationOnStop>();
            return new DurableBuilder(services, registry);
        }

        services.AddOptions<StorageOptions>();
        services.AddSingleton(sp => DurableBackendFactory.Create(
            sp.GetRequiredService<IOptions<DurableOptions>>().Value,
            sp.GetRequiredService<IOptions<StorageOptions>>().Value,
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => (IOrchestrationServiceClient)sp.GetRequiredService<IOrchestrationService>());
        services.AddSingleton(sp => new StratusDurableTaskClient(sp.GetRequiredService<IOrchestrationServiceClient>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<DurableTaskClient>(sp => sp.GetRequiredService<StratusDurableTaskClient>());
        services.AddHostedService<DurableWorkerHost>();
        return new DurableBuilder(services, registry);
    }
}
