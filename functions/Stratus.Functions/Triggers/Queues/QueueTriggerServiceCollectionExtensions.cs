using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Stratus.Functions.Functions;

namespace Stratus.Functions.Triggers.Queues;

public static class QueueTriggerServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IQueueWakeup"/> alone. Safe in every mode: without standalone listeners a notify does
    /// nothing, so producers can depend on it whether or not this process polls.
    /// </summary>
    public static IServiceCollection AddQueueWakeup(this IServiceCollection services)
    {
        services.TryAddSingleton<QueueWakeup>();
        services.TryAddSingleton<IQueueWakeup>(sp => sp.GetRequiredService<QueueWakeup>());
        return services;
    }

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
