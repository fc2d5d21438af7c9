using Stratus.Api.Triggers;

namespace Stratus.Api.Maintenance;

internal static class MaintenanceServiceCollectionExtensions
{
    public static IServiceCollection AddStratusMaintenance(this IServiceCollection services) =>
        services.AddTimerFunction<StorageMaintenanceFunction>(StorageMaintenanceFunction.Name, StorageMaintenanceFunction.Schedule);
}
