using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Stratus.Apps.Apps;
using Stratus.Apps.Deploys;
using Stratus.Apps.Events;
using Stratus.Apps.Jobs;
using Stratus.Apps.Locks;
using Stratus.Apps.Plans;
using Stratus.Apps.Platforms;
using Stratus.Apps.Pools;
using Stratus.Apps.Versions;

namespace Stratus.Apps;

public static class AppsServiceCollectionExtensions
{
    /// <summary>
    /// The app domain's stores (pools, plans, platforms, apps, versions, events, locks, deploys, jobs and their runs). The host adds a
    /// <see cref="Secrets.SecretProtector"/> (app env secrets) and everything that runs or routes apps.
    /// </summary>
    public static IServiceCollection AddStratusAppsCore(this IServiceCollection services)
    {
        services.TryAddSingleton<PoolStore>();
        services.TryAddSingleton<PlanStore>();
        services.TryAddSingleton<PlatformStore>();
        services.TryAddSingleton<AppStore>();
        services.TryAddSingleton<Certificates.AppCertificateStore>();
        services.TryAddSingleton<AppVersionStore>();
        services.TryAddSingleton<AppEventStore>();
        services.TryAddSingleton<AppLockStore>();
        services.TryAddSingleton<DeployStore>();
        services.TryAddSingleton<AppJobStore>();
        services.TryAddSingleton<AppJobRunStore>();
        return services;
    }
}
