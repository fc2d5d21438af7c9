using Microsoft.AspNetCore.Http.HttpResults;
using Stratus.Apps.Apps;
using Stratus.Apps.Pools;
using Stratus.Kubernetes.Runtime;
using Stratus.Orchestrations.Apps;

namespace Stratus.Api.Apps.Units;

/// <summary>The runtime an app's pool names, and the 503 a caller gets when this host cannot reach it.</summary>
internal static class AppRuntimes
{
    public static async Task<(IAppRuntime? Runtime, ProblemHttpResult? Problem)> ResolveAsync(App app, PoolStore pools, PoolDrivers drivers, CancellationToken cancellationToken)
    {
        if (await pools.GetAsync(app.Pool, cancellationToken) is not { } pool)
        {
            return (null, Unavailable($"App '{app.Name}' is in pool '{app.Pool}', which no longer exists; its units cannot be reached."));
        }

        try
        {
            return (drivers.Runtime(pool), null);
        }
        catch (InvalidOperationException ex)
        {
            return (null, Unavailable(ex.Message));
        }
    }

    public static ProblemHttpResult Unavailable(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Runtime unavailable");

    /// <summary>Why asking <paramref name="runtime"/> failed, for the 503: a missing tool, a refused connection, a failing command.</summary>
    public static ProblemHttpResult Failed(IAppRuntime runtime, App app, Exception exception) =>
        Unavailable($"The {runtime.Name} runtime of pool '{app.Pool}' did not answer for app '{app.Name}': {exception.Message}");
}
