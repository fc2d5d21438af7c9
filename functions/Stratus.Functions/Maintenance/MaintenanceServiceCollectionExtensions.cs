using Stratus.Functions.Functions;

namespace Stratus.Functions.Maintenance;

internal static class MaintenanceServiceCollectionExtensions
{
    public static IServiceCollection AddStratusMaintenance(this IServiceCollection services) =>
        services.AddTimerFunction<StorageMaintenanceFunction>(StorageMaintenanceFunction.Name, StorageMaintenanceFunction.Schedule);
}
