using Stratus.Durable;
using Stratus.Functions.Functions;

namespace Stratus.Functions.Durable;

internal static class DurableFunctionsServiceCollectionExtensions
{
    public const string ControlFunctionPrefix = "durable-control-";
    public const string WorkItemFunctionName = "durable-workitems";

    /// <summary>
    /// The durable engine plus a queue function per control queue and one for work items. Standalone, the engine's
    /// own worker polls those queues (it leases control partitions, which per-message delivery cannot); under the
    /// Functions host the worker is off and the host delivers through the functions, scaling on queue length.
    /// </summary>
    public static DurableBuilder AddStratusOrchestrations(this IServiceCollection services, IConfiguration configuration)
    {
        var underHost = HostingMode.IsUnderFunctionsHost(configuration);
        var builder = services.AddStratusDurable(configuration, options => options.RunWorker &= !underHost);

        // function.json is generated from these declarations, so the names must be known before the host starts.
        var settings = configuration.GetSection(DurableOptions.SectionName).Get<DurableOptions>() ?? new DurableOptions();
        for (var partition = 0; partition < settings.PartitionCount; partition++)
        {
            services.AddQueueFunction<DurableControlQueueFunction>(
                $"{ControlFunctionPrefix}{partition:D2}", DurableQueueNames.Control(settings.HubName, partition), listenStandalone: false);
        }

        services.AddQueueFunction<DurableWorkItemQueueFunction>(WorkItemFunctionName, DurableQueueNames.WorkItems(settings.HubName), listenStandalone: false);
        return builder;
    }
}
