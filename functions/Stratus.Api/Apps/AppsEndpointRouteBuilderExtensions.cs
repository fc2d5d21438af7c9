using Stratus.Api.Apps.Apps;
using Stratus.Api.Apps.Certificates;
using Stratus.Api.Apps.Cnames;
using Stratus.Api.Apps.Env;
using Stratus.Api.Apps.Events;
using Stratus.Api.Apps.History;
using Stratus.Api.Apps.Jobs;
using Stratus.Api.Apps.Logs;
using Stratus.Api.Apps.Operations;
using Stratus.Api.Apps.Plans;
using Stratus.Api.Apps.Platforms;
using Stratus.Api.Apps.Pools;
using Stratus.Api.Apps.Units;

namespace Stratus.Api.Apps;

internal static class AppsEndpointRouteBuilderExtensions
{
    /// <summary>Tsuru's side: pools, plans, platforms, apps, deploys, events, jobs.</summary>
    public static RouteGroupBuilder MapAppsApi(this RouteGroupBuilder api) => api
        .MapPoolsApi()
        .MapPlansApi()
        .MapPlatformsApi()
        .MapAppsCrudApi()
        .MapAppOperationsApi()
        .MapAppEnvApi()
        .MapAppUnitsApi()
        .MapAppCnamesApi()
        .MapAppCertificatesApi()
        .MapAppLogsApi()
        .MapAppEventsApi()
        .MapAppHistoryApi()
        .MapAppJobsApi();
}
