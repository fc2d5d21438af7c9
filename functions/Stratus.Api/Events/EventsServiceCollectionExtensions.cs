using Stratus.Api.Triggers;

namespace Stratus.Api.Events;

internal static class EventsServiceCollectionExtensions
{
    public static IServiceCollection AddStratusEvents(this IServiceCollection services)
    {
        services.AddSingleton<PlatformEventStore>();
        services.AddQueueWakeup();
        services.AddSingleton<IPlatformEventPublisher, QueuePlatformEventPublisher>();
        return services.AddQueueFunction<EventQueueFunction>(EventQueueFunction.Name, EventQueueFunction.QueueName);
    }
}
