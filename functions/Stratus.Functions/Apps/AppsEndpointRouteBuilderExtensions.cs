using Stratus.Functions.Apps.Apps;
using Stratus.Functions.Apps.Cnames;
using Stratus.Functions.Apps.Env;
using Stratus.Functions.Apps.Events;
using Stratus.Functions.Apps.History;
using Stratus.Functions.Apps.Logs;
using Stratus.Functions.Apps.Operations;
using Stratus.Functions.Apps.Plans;
using Stratus.Functions.Apps.Platforms;
using Stratus.Functions.Apps.Pools;
using Stratus.Functions.Apps.Units;

namespace Stratus.Functions.Apps;

internal static class AppsEndpointRouteBuilderExtensions
{
    /// <summary>Tsuru's side: pools, plans, platforms, apps, deploys, events.</summary>
    public static RouteGroupBuilder MapAppsApi(this RouteGroupBuilder api) => api
        .MapPoolsApi()
        .MapPlansApi()
        .MapPlatformsApi()
        .MapAppsCrudApi()
        .MapAppOperationsApi()
        .MapAppEnvApi()
        .MapAppUnitsApi()
        .MapAppCnamesApi()
        .MapAppLogsApi()
        .MapAppEventsApi()
        .MapAppHistoryApi();
}
