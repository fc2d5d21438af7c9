using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Stratus.Api.Triggers;

namespace Stratus.Standalone.Triggers.Timers;

internal static class TimerTriggerServiceCollectionExtensions
{
    /// <summary>
    /// Fires every declared timer function in this process, with the Functions timer trigger's semantics (singleton
    /// lease, persisted schedule status, past-due runs, RunOnStartup). For standalone mode only: behind a Functions
    /// host, the host fires the timers. Needs <see cref="Stratus.Storage.IStorageAccount"/>; settings come from
    /// <c>Stratus:Functions</c> and are validated at start.
    /// </summary>
    public static IServiceCollection AddStandaloneTimerTriggers(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddFunctionCatalog();
        services.AddOptions<StandaloneTimerOptions>()
            .BindConfiguration(StandaloneTimerOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StandaloneTimerOptions>, StandaloneTimerOptionsValidator>());
        services.TryAddSingleton<ITimerLeaseFactory, BlobTimerLeaseFactory>();
        services.AddHostedService<StandaloneTimerTriggerService>();
        return services;
    }
}
