using Stratus.Apps.Apps;
using Stratus.Apps.Pools;
using Stratus.Kubernetes.Routing;
using Stratus.Orchestrations.Apps;

namespace Stratus.Api.Apps.Apps;

/// <summary>
/// Where <c>app info</c> says the app is served: the local router's address as the caller reached this host, and for
/// other routers what the router says (Tsuru's router answers <c>GET /backend/{name}</c>; the ingress router names
/// its hosts). A router that is down or slow leaves the address empty rather than failing the info.
/// </summary>
internal static partial class AppRouterAddresses
{
    /// <summary>How long <c>app info</c> waits for the router; the router client's own retries would take minutes.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static async Task<IReadOnlyList<string>> GetAsync(
        HttpContext context, App app, Pool? pool, PoolDrivers drivers, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        if (pool is null)
        {
            return [];
        }

        if (AppsApi.LocalAddress(context, app, pool.Router) is { } local)
        {
            return [local];
        }

        using var timeout = new CancellationTokenSource(Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await drivers.Router(pool).GetAddressesAsync(app.Name, linked.Token);
        }
        catch (Exception e) when (e is RouterException or HttpRequestException or InvalidOperationException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogNoAddress(logger, app.Name, pool.Router, e.Message);
            return [];
        }
    }

    [LoggerMessage(EventId = 7110, Level = LogLevel.Warning, Message = "App {App}: the {Router} router did not give its address: {Reason}")]
    private static partial void LogNoAddress(ILogger logger, string app, string router, string reason);
}
