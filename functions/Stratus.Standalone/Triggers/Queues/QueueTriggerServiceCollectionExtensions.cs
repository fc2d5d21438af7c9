using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Stratus.Api.Triggers;

namespace Stratus.Standalone.Triggers.Queues;

internal static class QueueTriggerServiceCollectionExtensions
{
    /// <summary>
    /// Standalone mode only (the Functions host fires queue functions in Azure): a listener per queue function, with
    /// settings from host.json's <c>extensions.queues</c> overridden by <c>Stratus:Functions:Queues</c> (validated at start), and <see cref="IQueueWakeup"/>.
    /// Needs an <see cref="Storage.IStorageAccount"/> (AddStratusStorage).
    /// </summary>
    public static IServiceCollection AddStandaloneQueueTriggers(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddFunctionCatalog();
        services.AddQueueWakeup();
        services.AddOptions<QueueTriggerOptions>()
            .BindConfiguration(HostJsonConfiguration.Prefix + ":extensions:queues")
            .BindConfiguration(QueueTriggerOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<QueueTriggerOptions>, QueueTriggerOptionsValidator>());
        services.AddHostedService<StandaloneQueueTriggerService>();
        return services;
    }
}
