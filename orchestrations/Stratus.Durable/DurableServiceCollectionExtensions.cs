using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Stratus.Durable.Client;
using Stratus.Durable.Storage;
using Stratus.Durable.Worker;
using Stratus.Storage;

namespace Stratus.Durable;

public static class DurableServiceCollectionExtensions
{
    /// <summary>
    /// Adds the durable engine on the registered <see cref="IStorageAccount"/>: the client, the message handlers, and
    /// (unless <c>Stratus:Durable:RunWorker</c> is false) the polling worker as a hosted service.
    /// </summary>
    public static DurableBuilder AddStratusDurable(this IServiceCollection services, IConfiguration? configuration = null, Action<DurableOptions>? configure = null)
    {
        var options = services.AddOptions<DurableOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration.GetSection(DurableOptions.SectionName));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateDataAnnotations().Validate(
            o => o.PartitionLeaseRenewInterval > TimeSpan.Zero && o.PartitionLeaseRenewInterval < o.PartitionLeaseDuration,
            "PartitionLeaseRenewInterval must be positive and shorter than PartitionLeaseDuration.").Validate(
            o => o.MaxTimerDelay > TimeSpan.Zero && o.MaxTimerDelay < StorageLimits.MaxQueueVisibility,
            "MaxTimerDelay must be positive and under the queue's 7-day limit.").Validate(
            o => o.MaxPollingInterval > TimeSpan.Zero && o.WorkItemVisibilityTimeout >= TimeSpan.FromSeconds(2) && o.ControlMessageVisibilityTimeout >= TimeSpan.FromSeconds(1),
            "MaxPollingInterval must be positive, WorkItemVisibilityTimeout at least 2 seconds and ControlMessageVisibilityTimeout at least 1 second.").ValidateOnStart();

        // Called again (e.g. by a feature adding its orchestrators), it adds to the same registry. Keyed descriptors
        // throw on ImplementationInstance, hence the filter.
        var registry = services
            .Where(d => !d.IsKeyedService && d.ServiceType == typeof(DurableRegistry))
            .Select(d => d.ImplementationInstance)
            .OfType<DurableRegistry>()
            .FirstOrDefault();
        if (registry is null)
        {
            registry = new DurableRegistry();
            services.AddSingleton(registry);
            services.TryAddSingleton(TimeProvider.System);
            services.AddSingleton(sp => new TaskHub(sp.GetRequiredService<IStorageAccount>(), sp.GetRequiredService<IOptions<DurableOptions>>().Value));
            services.AddSingleton<PayloadStore>();
            services.AddSingleton<HistoryStore>();
            services.AddSingleton<InstanceStore>();
            services.AddSingleton<DurableSignals>();
            services.AddSingleton<DurableMessaging>();
            services.AddSingleton<SessionCache>(sp => new SessionCache(sp.GetRequiredService<IOptions<DurableOptions>>().Value));
            services.AddSingleton<OrchestrationProcessor>();
            services.AddSingleton<ActivityRunner>();
            services.AddSingleton(sp => new DurableMessageHandler(sp.GetRequiredService<OrchestrationProcessor>(), sp.GetRequiredService<ActivityRunner>()));
            services.AddSingleton(sp => new DurableClient(
                sp.GetRequiredService<TaskHub>(),
                sp.GetRequiredService<InstanceStore>(),
                sp.GetRequiredService<HistoryStore>(),
                sp.GetRequiredService<PayloadStore>(),
                sp.GetRequiredService<DurableMessaging>(),
                sp.GetRequiredService<DurableRegistry>(),
                sp.GetRequiredService<DurableSignals>(),
                sp.GetRequiredService<TimeProvider>()));
            services.AddSingleton<PartitionManager>();
            services.AddSingleton<DurableWorker>();
            services.AddHostedService(sp => sp.GetRequiredService<DurableWorker>());
        }

        return new DurableBuilder(services, registry);
    }
}
