using Microsoft.Extensions.DependencyInjection.Extensions;
using Stratus.Api.Triggers;
using Stratus.Infra.Vcs;
using Stratus.Orchestrations.Jobs;

namespace Stratus.Api.Infra.Vcs;

internal static class VcsServiceCollectionExtensions
{
    /// <summary>VCS connections: their store, the queue and its function, the provider API client and the job-finish reporting.</summary>
    public static IServiceCollection AddStratusVcs(this IServiceCollection services)
    {
        services.TryAddSingleton<VcsStore>();
        services.TryAddSingleton<VcsQueue>();
        services.TryAddSingleton<VcsProviderClient>();
        services.TryAddSingleton<VcsSpeculativeSummary>();
        services.AddQueueWakeup();
        services.AddHttpClient(VcsProviderClient.HttpClientName, http =>
        {
            http.Timeout = TimeSpan.FromSeconds(30);
            http.DefaultRequestHeaders.UserAgent.ParseAdd("Stratus");
        });
        services.AddSingleton<IJobFinishListener, VcsReportingFinishListener>();
        return services.AddQueueFunction<VcsQueueFunction>(VcsQueueFunction.Name, VcsQueue.Name);
    }
}
