using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Stratus.Api.Triggers;

internal static class QueueWakeupServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IQueueWakeup"/> alone. Safe in every host: without standalone listeners a notify does
    /// nothing, so producers can depend on it whether or not this process polls.
    /// </summary>
    public static IServiceCollection AddQueueWakeup(this IServiceCollection services)
    {
        services.TryAddSingleton<QueueWakeup>();
        services.TryAddSingleton<IQueueWakeup>(sp => sp.GetRequiredService<QueueWakeup>());
        return services;
    }
}
