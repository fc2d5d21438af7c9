using Stratus.Standalone.Triggers.Queues;
using Stratus.Standalone.Triggers.Timers;

namespace Stratus.Standalone.Triggers;

internal static class TriggersServiceCollectionExtensions
{
    /// <summary>
    /// The standalone host has no Functions host to fire its triggers, so it fires them itself with the same semantics:
    /// a listener per declared queue function (poison queue after maxDequeueCount) and the timer loop (singleton lease,
    /// past-due runs). Each calls the very handler class the Azure app's function calls.
    /// </summary>
    public static IServiceCollection AddStandaloneTriggers(this IServiceCollection services) =>
        services.AddStandaloneQueueTriggers().AddStandaloneTimerTriggers();
}
