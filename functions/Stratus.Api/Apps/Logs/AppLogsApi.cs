using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Stratus.Apps.Apps;
using Stratus.Apps.Names;
using Stratus.Apps.Pools;
using Stratus.Api.Api;
using Stratus.Api.Apps.Apps;
using Stratus.Api.Apps.Units;
using Stratus.Api.Security;
using Stratus.Identity.Authorization;
using Stratus.Kubernetes.Runtime;
using Stratus.Orchestrations.Apps;

namespace Stratus.Api.Apps.Logs;

/// <summary>
/// An app's logs (Tsuru's <c>app log</c>): the last lines of its units, merged by time, as text, one line each as
/// <c>&lt;time&gt; [&lt;process&gt;][&lt;unit&gt;]: &lt;text&gt;</c>; with <c>follow=true</c> new lines stream as they come
/// until the client disconnects.
/// </summary>
internal static class AppLogsApi
{
    public const int DefaultLines = 100;
    public const int MaxLines = 10_000;
    private const string TextPlain = "text/plain; charset=utf-8";

    public static RouteGroupBuilder MapAppLogsApi(this RouteGroupBuilder api)
    {
        var app = api.MapGroup(AppsApi.Route).WithTags("Apps");
        app.MapGet("/log", GetLog)
            .WithName("GetAppLog")
            .WithSummary("The app's last log lines (?lines=100, ?process=web) as text; with follow=true new lines stream until the client disconnects.")
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequirePermission(PermissionNames.AppLogRead, ScopeKind.App, "app");
        return api;
    }

    internal static async Task<Results<ContentHttpResult, EmptyHttpResult, ProblemHttpResult>> GetLog(
        string app, int? lines, string? process, bool? follow, HttpContext context, AppStore apps, PoolStore pools, PoolDrivers drivers, CancellationToken cancellationToken)
    {
        var tail = lines ?? DefaultLines;
        if (tail is < 1 or > MaxLines)
        {
            return ApiProblems.Invalid(string.Create(CultureInfo.InvariantCulture, $"lines must be between 1 and {MaxLines}; it was {tail}."));
        }

        if (process is not null && AppNames.ProcessProblem(process) is { } badProcess)
        {
            return ApiProblems.Invalid(badProcess);
        }

        if (await apps.GetAsync(app, cancellationToken) is not { } found)
        {
            return AppProblems.NoApp(app);
        }

        var (runtime, problem) = await AppRuntimes.ResolveAsync(found, pools, drivers, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        return follow == true
            ? await FollowAsync(runtime!, found, process, tail, context.Response, cancellationToken)
            : await ReadAsync(runtime!, found, process, tail, cancellationToken);
    }

    /// <summary>One log line as Tsuru prints it.</summary>
    internal static string Format(UnitLogLine line) =>
        $"{line.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)} [{line.Process}][{line.Unit}]: {line.Text}";

    private static async Task<Results<ContentHttpResult, EmptyHttpResult, ProblemHttpResult>> ReadAsync(
        IAppRuntime runtime, App app, string? process, int tail, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        try
        {
            await foreach (var line in runtime.ReadLogsAsync(app.Name, process, tail, follow: false, cancellationToken))
            {
                text.Append(Format(line)).Append('\n');
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return AppRuntimes.Failed(runtime, app, ex);
        }

        return TypedResults.Text(text.ToString(), TextPlain);
    }

    private static async Task<Results<ContentHttpResult, EmptyHttpResult, ProblemHttpResult>> FollowAsync(
        IAppRuntime runtime, App app, string? process, int tail, HttpResponse response, CancellationToken cancellationToken)
    {
        // Asked first so that a runtime this host cannot reach is a 503, not a 200 that ends at once.
        try
        {
            await runtime.GetUnitsAsync(app.Name, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return AppRuntimes.Failed(runtime, app, ex);
        }

        response.ContentType = TextPlain;
        response.Headers.CacheControl = "no-cache";
        await response.StartAsync(cancellationToken);
        try
        {
            await foreach (var line in runtime.ReadLogsAsync(app.Name, process, tail, follow: true, cancellationToken))
            {
                await response.WriteAsync(Format(line) + "\n", cancellationToken);
                await response.Body.FlushAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client disconnected: that is how a follow ends.
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The status line is sent already: the reason goes into the stream.
            await response.WriteAsync($"---- the log stream stopped: {ex.Message} ----\n", CancellationToken.None);
        }

        return TypedResults.Empty;
    }
}
