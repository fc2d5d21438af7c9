using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Stratus.Api.Apps.Jobs;
using Stratus.Api.Infra.Schedules;
using Stratus.Api.Maintenance;
using Stratus.AzureFunctions.Durable;

namespace Stratus.AzureFunctions.Triggers;

/// <summary>
/// The timers. The Functions host keeps one instance firing each (its singleton lock) and records the schedule
/// status; each function calls the handler class the standalone timer loop calls.
/// </summary>
internal sealed class TimerFunctions(IServiceProvider services, InvocationDurableClient invocationClient)
{
    /// <summary>Due workspace schedules become jobs, which wake their workspace's queue orchestration.</summary>
    [Function(ScheduleTimerFunction.Name)]
    public Task InfraSchedules(
        [TimerTrigger(ScheduleTimerFunction.Schedule)] TimerInfo timer,
        [DurableClient] DurableTaskClient durable,
        FunctionContext context)
    {
        invocationClient.Use(durable);
        return services.GetRequiredService<ScheduleTimerFunction>()
            .RunAsync(TriggerInvocations.Timer(ScheduleTimerFunction.Name, timer), context.CancellationToken);
    }

    /// <summary>Due app job schedules become runs, each started once per due time.</summary>
    [Function(AppJobTimerFunction.Name)]
    public Task AppJobSchedules(
        [TimerTrigger(AppJobTimerFunction.Schedule)] TimerInfo timer,
        [DurableClient] DurableTaskClient durable,
        FunctionContext context)
    {
        invocationClient.Use(durable);
        return services.GetRequiredService<AppJobTimerFunction>()
            .RunAsync(TriggerInvocations.Timer(AppJobTimerFunction.Name, timer), context.CancellationToken);
    }

    [Function(StorageMaintenanceFunction.Name)]
    public Task StorageMaintenance(
        [TimerTrigger(StorageMaintenanceFunction.Schedule)] TimerInfo timer,
        FunctionContext context) =>
        services.GetRequiredService<StorageMaintenanceFunction>()
            .RunAsync(TriggerInvocations.Timer(StorageMaintenanceFunction.Name, timer), context.CancellationToken);
}
