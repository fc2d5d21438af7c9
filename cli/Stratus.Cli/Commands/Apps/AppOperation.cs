using System.Net.Http.Json;
using System.Text.Json;
using Stratus.Cli.Api;
using Stratus.Client.Models;

namespace Stratus.Cli.Commands.Apps;

/// <summary>
/// Starts an app operation (deploy, rollback, start, stop, restart, remove) and follows it to its end, as Tsuru's client
/// does: the event's log printed line by line as the server writes it, then one result line. With <c>--output json</c>
/// the log goes to standard error and the ended event's JSON to standard output, so scripts get JSON only.
/// </summary>
internal static class AppOperation
{
    /// <summary>An event's status while it runs, and when it ended well (the others: failed, canceled).</summary>
    public const string Running = "running";
    public const string Succeeded = "succeeded";

    private static readonly TimeSpan EndPoll = TimeSpan.FromSeconds(1);

    /// <summary>POSTs (or DELETEs) <paramref name="path"/> with a JSON body, follows the operation, and returns the exit code.</summary>
    public static async Task<int> RunAsync(CommandCall call, HttpMethod method, string app, string path, object? body, CancellationToken cancellationToken)
    {
        using var http = AppHttp.For(call);
        using var content = body is null ? null : JsonContent.Create(body, body.GetType(), options: CliJson.Options);
        var started = await StartAsync(http, method, app, path, content, cancellationToken);
        return await FollowAsync(call, http, started, cancellationToken);
    }

    /// <summary>Sends the request that starts the operation; a busy app becomes an <see cref="AppBusyException"/> naming it.</summary>
    public static async Task<AppOperationResponse> StartAsync(AppHttp http, HttpMethod method, string app, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        System.Text.Json.JsonElement json;
        try
        {
            json = await http.SendAsync(method, path, content, cancellationToken);
        }
        catch (AppBusyException busy)
        {
            throw busy.ForApp(app);
        }

        var started = json.ValueKind == JsonValueKind.Object ? StratusApi.FromJson(json, AppOperationResponse.CreateFromDiscriminatorValue).Value : null;
        return started is { EventId: not null, App: not null, Kind: not null }
            ? started
            : throw new StratusApiException(202, "Unexpected answer", $"{method} {path} started nothing this CLI can follow. Is the CLI older than the API?");
    }

    /// <summary>Prints the event's log until the event ends, then its result; 0 when it succeeded, 1 otherwise.</summary>
    public static async Task<int> FollowAsync(CommandCall call, AppHttp http, AppOperationResponse started, CancellationToken cancellationToken)
    {
        var app = started.App!;
        var environment = call.Context.Environment;
        // The log is the operation's own output; in JSON mode it must not mix with the JSON on standard output.
        var logWriter = call.Output.IsJson ? environment.Error : environment.Out;
        call.Output.Info($"{Label(started.Kind!)} of {app} started (event {started.EventId}).");
        await foreach (var line in http.ReadLinesAsync(LogPath(app, started.EventId!, follow: true), cancellationToken))
        {
            logWriter.WriteLine(line);
            logWriter.Flush();
        }

        var ended = await WaitForEndAsync(call, app, started.EventId!, cancellationToken);
        if (call.Output.IsJson)
        {
            call.Output.Json(ended.Json);
        }

        var result = ended.Value;
        if (result.Status != Succeeded)
        {
            call.Output.Error($"{Label(result.Kind ?? started.Kind!)} of {app} {result.Status}.", result.Error);
            return 1;
        }

        var address = result.Kind is not ("app.deploy" or "app.rollback" or "app.start" or "app.restart") ? null : await AddressAsync(call, app, cancellationToken);
        call.Output.Success($"{Label(result.Kind ?? started.Kind!)} of {app} succeeded{(address is null ? "." : $": {address}")}");
        return 0;
    }

    /// <summary><c>api/v1/apps/{app}/events/{id}/log</c>, optionally followed.</summary>
    public static string LogPath(string app, string eventId, bool follow) =>
        ApiPath.WithQuery(ApiPath.Of("apps", app, "events", eventId, "log"), ("follow", follow ? "true" : null));

    // The followed log ends when the event does; if the stream was cut short (a proxy, a restarted host) the event may
    // still be running, so poll it until it ends rather than report a result that is not one yet.
    private static async Task<ApiResult<AppEventResponse>> WaitForEndAsync(CommandCall call, string app, string eventId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var current = await call.Client.Call((c, ct) => c.Api.V1.Apps[app].Events[eventId].GetAsync(cancellationToken: ct), cancellationToken);
            if (current.Value.Status != Running)
            {
                return current;
            }

            await Task.Delay(EndPoll, cancellationToken);
        }
    }

    private static async Task<string?> AddressAsync(CommandCall call, string app, CancellationToken cancellationToken)
    {
        var info = (await call.Client.Call((c, ct) => c.Api.V1.Apps[app].GetAsync(cancellationToken: ct), cancellationToken)).Value;
        return info.Address ?? (info.Cnames is { Count: > 0 } cnames ? $"http://{cnames[0]}" : null);
    }

    /// <summary>"Deploy" for <c>app.deploy</c>, "Env change" for <c>app.update.env.set</c>: how a result line names the operation.</summary>
    public static string Label(string kind) => kind switch
    {
        "app.update.env.set" or "app.update.env.unset" => "Env change",
        "app.update.unit" => "Units change",
        "app.update.cname" => "Cname change",
        "app.update.certificate" => "Certificate change",
        _ when kind.StartsWith("app.", StringComparison.Ordinal) && kind.Length > 4 => char.ToUpperInvariant(kind[4]) + kind[5..].Replace('.', ' '),
        _ => kind,
    };
}
