using Stratus.Functions.Triggers.Queues;
using Stratus.Functions.Triggers.Timers;

namespace Stratus.Functions.Triggers;

internal static class TriggersServiceCollectionExtensions
{
    /// <summary>
    /// Under the Functions host, the host fires timers and queue messages and POSTs them to us; standalone, we fire
    /// them ourselves with the same semantics. In-process producers may always notify listeners.
    /// </summary>
    public static IServiceCollection AddStratusTriggers(this IServiceCollection services, IConfiguration configuration)
    {
        if (HostingMode.IsUnderFunctionsHost(configuration))
        {
            return services.AddQueueWakeup();
        }

        return services.AddStandaloneQueueTriggers().AddStandaloneTimerTriggers();
    }
}
