using Microsoft.Extensions.DependencyInjection.Extensions;
using Stratus.Api.Triggers;
using Stratus.Infra.Schedules;

namespace Stratus.Api.Infra.Schedules;

internal static class SchedulesServiceCollectionExtensions
{
    /// <summary>Workspace schedules: their store and the timer that fires them.</summary>
    public static IServiceCollection AddStratusSchedules(this IServiceCollection services)
    {
        services.TryAddSingleton<ScheduleStore>();
        return services.AddTimerFunction<ScheduleTimerFunction>(ScheduleTimerFunction.Name, ScheduleTimerFunction.Schedule);
    }
}
