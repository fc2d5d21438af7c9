using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Stratus.Apps;
using Stratus.Apps.Events;
using Stratus.Api.Api;
using Stratus.Api.Apps.Apps;
using Stratus.Api.Security;
using Stratus.Identity.Authorization;

namespace Stratus.Api.Apps.Events;

/// <summary>
/// App operations' events (Tsuru's <c>event list/info/cancel</c>): an app's own history and, for operators, every
/// app's. An app's events outlive it, so the app need not exist any more: its removal is an event too.
/// </summary>
internal static class AppEventsApi
{
    private static readonly TimeSpan LogPoll = TimeSpan.FromMilliseconds(300);

    public static RouteGroupBuilder MapAppEventsApi(this RouteGroupBuilder api)
    {
        var app = api.MapGroup(AppsApi.Route + "/events").WithTags("Apps");
        app.MapGet("/", ListAppEvents)
            .WithName("ListAppEvents")
            .WithSummary("The app's events, newest first (?kind=, ?owner=, ?running=, ?errorOnly=, ?limit=).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequirePermission(PermissionNames.AppRead, ScopeKind.App, "app");
        app.MapGet("/{id}", GetAppEvent)
            .WithName("GetAppEvent")
            .WithSummary("One of the app's events.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.AppRead, ScopeKind.App, "app");
        app.MapGet("/{id}/log", GetAppEventLog)
            .WithName("GetAppEventLog")
            .WithSummary("An event's log as text from ?offset= (bytes); with follow=true it streams until the event has ended.")
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.AppRead, ScopeKind.App, "app");
        app.MapPost("/{id}/cancel", CancelAppEvent)
            .WithName("CancelAppEvent")
            .WithSummary("Asks a running, cancelable operation (a deploy before its build ends) to stop; 409 once it cannot.")
            .Accepts<EventCancelRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequirePermission(PermissionNames.AppDeploy, ScopeKind.App, "app");
        api.MapGet("/app-events", ListAllAppEvents)
            .WithName("ListAllAppEvents")
            .WithSummary("Every app operation's event, newest first (?target=app(name), ?kind=, ?owner=, ?running=, ?errorOnly=, ?since=, ?until=, ?limit=).")
            .WithTags("Apps")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequirePermission(PermissionNames.EventRead);
        return api;
    }

    internal static async Task<Results<Ok<IReadOnlyList<AppEventResponse>>, ProblemHttpResult>> ListAppEvents(
        string app, AppEventStore events, [FromQuery(Name = "kind")] string[]? kind, string? owner, bool? running, bool? errorOnly, int? limit,
        CancellationToken cancellationToken) =>
        await ListAsync(events, EventTarget.App(app), kind, owner, running, errorOnly, null, null, limit, cancellationToken);

    internal static async Task<Results<Ok<IReadOnlyList<AppEventResponse>>, ProblemHttpResult>> ListAllAppEvents(
        AppEventStore events, string? target, [FromQuery(Name = "kind")] string[]? kind, string? owner, bool? running, bool? errorOnly, string? since, string? until,
        int? limit, CancellationToken cancellationToken)
    {
        var parsed = target is null ? null : ParseTarget(target);
        if (target is not null && parsed is null)
        {
            return ApiProblems.Invalid($"target '{target}' is not valid: write it as type(value), e.g. app(blog), or just the app's name.");
        }

        var (from, fromProblem) = ParseTime(since, "since");
        var (to, toProblem) = ParseTime(until, "until");
        if ((fromProblem ?? toProblem) is { } timeProblem)
        {
            return timeProblem;
        }

        if (from > to)
        {
            return ApiProblems.Invalid("since is after until; nothing can match.");
        }

        return await ListAsync(events, parsed, kind, owner, running, errorOnly, from, to, limit, cancellationToken);
    }

    internal static async Task<Results<Ok<AppEventResponse>, ProblemHttpResult>> GetAppEvent(string app, string id, AppEventStore events, CancellationToken cancellationToken) =>
        await FindAsync(events, app, id, cancellationToken) is { } found ? TypedResults.Ok(AppEventResponse.From(found)) : NoEvent(app, id);

    internal static async Task<Results<ContentHttpResult, EmptyHttpResult, ProblemHttpResult>> GetAppEventLog(
        string app, string id, long? offset, bool? follow, HttpContext context, AppEventStore events, TimeProvider time, CancellationToken cancellationToken)
    {
        if (offset is < 0)
        {
            return ApiProblems.Invalid("offset is a byte position in the log: 0 or more.");
        }

        if (await FindAsync(events, app, id, cancellationToken) is null)
        {
            return NoEvent(app, id);
        }

        var response = context.Response;
        response.ContentType = "text/plain; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        var position = offset ?? 0;
        while (true)
        {
            // The end state is read before the log, so the lines written before the event ended are always sent.
            var ended = follow != true || await events.GetAsync(id, cancellationToken) is not { Running: true };
            position = await DrainAsync(events, id, position, response, cancellationToken);
            if (ended)
            {
                return TypedResults.Empty;
            }

            try
            {
                await Task.Delay(LogPoll, time, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The client stopped following.
                return TypedResults.Empty;
            }
        }
    }

    internal static async Task<Results<Accepted<AppEventResponse>, ProblemHttpResult>> CancelAppEvent(
        string app, string id, HttpContext context, AppEventStore events, CancellationToken cancellationToken)
    {
        if (await FindAsync(events, app, id, cancellationToken) is null)
        {
            return NoEvent(app, id);
        }

        var (body, problem) = await JsonRequestBody.ReadAsync<EventCancelRequest>(context.Request, """{"reason": "wrong branch"}""", cancellationToken);
        if (problem is not null)
        {
            return ApiProblems.Invalid(problem);
        }

        if (string.IsNullOrWhiteSpace(body!.Reason))
        {
            return ApiProblems.Invalid("Say why the operation is cancelled in 'reason'; it stays on the event.");
        }

        var outcome = await events.AskCancelAsync(id, context.GetCaller().Describe(), body.Reason, cancellationToken);
        var current = await events.GetAsync(id, cancellationToken);
        return (outcome, current) switch
        {
            (AppEventCancelOutcome.Asked, { } asked) => TypedResults.Accepted($"/api/v1/apps/{app}/events/{id}", AppEventResponse.From(asked)),
            (AppEventCancelOutcome.Finished, _) => ApiProblems.Conflict($"Event {id} has ended ({current?.Status}); there is nothing to cancel."),
            (AppEventCancelOutcome.NotCancelable, _) => ApiProblems.Conflict($"Event {id} ({current?.Kind}) cannot be cancelled now: only a deploy can be, and only until its build is done."),
            _ => NoEvent(app, id),
        };
    }

    /// <summary>The event, if it is one of the app's; an id that is not one <see cref="TimeOrderedId"/> makes is no event.</summary>
    private static async Task<AppEvent?> FindAsync(AppEventStore events, string app, string id, CancellationToken cancellationToken) =>
        TimeOrderedId.IsValid(id) && await events.GetAsync(id, cancellationToken) is { } found && found.Target == EventTarget.App(app) ? found : null;

    private static ProblemHttpResult NoEvent(string app, string id) =>
        ApiProblems.NotFound($"App '{app}' has no event '{id}'. GET /api/v1/apps/{app}/events lists them.");

    /// <returns>Where the log ends now, after writing everything from <paramref name="position"/> on.</returns>
    private static async Task<long> DrainAsync(AppEventStore events, string id, long position, HttpResponse response, CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await events.ReadLogAsync(id, position, cancellationToken);
            if (read.Text.Length == 0 || read.NextOffset <= position)
            {
                return position;
            }

            await response.WriteAsync(read.Text, cancellationToken);
            await response.Body.FlushAsync(cancellationToken);
            position = read.NextOffset;
        }
    }

    private static async Task<Results<Ok<IReadOnlyList<AppEventResponse>>, ProblemHttpResult>> ListAsync(
        AppEventStore events, EventTarget? target, string[]? kind, string? owner, bool? running, bool? errorOnly, DateTimeOffset? since, DateTimeOffset? until,
        int? limit, CancellationToken cancellationToken)
    {
        var (size, sizeProblem) = ApiProblems.PageSize(limit);
        if (sizeProblem is not null)
        {
            return sizeProblem;
        }

        var kinds = (kind ?? []).Where(k => !string.IsNullOrEmpty(k)).Distinct(StringComparer.Ordinal).ToList();
        if (kinds.FirstOrDefault(k => k.Length > 100) is { } longKind)
        {
            return ApiProblems.Invalid($"kind '{longKind[..40]}…' is too long; kinds are names such as app.deploy.");
        }

        var filter = new AppEventFilter
        {
            Target = target,
            Kinds = kinds.Count == 0 ? null : kinds,
            Owner = string.IsNullOrEmpty(owner) ? null : owner,
            Running = running,
            ErrorOnly = errorOnly ?? false,
            Since = since,
            Until = until,
            Limit = size,
        };
        IReadOnlyList<AppEventResponse> found = (await events.ListAsync(filter, cancellationToken)).Select(AppEventResponse.From).ToList();
        return TypedResults.Ok(found);
    }

    /// <summary><c>type(value)</c> as <see cref="EventTarget.ToString"/> writes it, or a bare app name.</summary>
    private static EventTarget? ParseTarget(string target)
    {
        var open = target.IndexOf('(', StringComparison.Ordinal);
        if (open < 0)
        {
            return target.Length is > 0 and <= 256 && !target.Contains(')', StringComparison.Ordinal) ? EventTarget.App(target) : null;
        }

        return open > 0 && target.EndsWith(')') && target.Length - open - 2 is > 0 and <= 256
            ? new EventTarget(target[..open], target[(open + 1)..^1])
            : null;
    }

    private static (DateTimeOffset? Time, ProblemHttpResult? Problem) ParseTime(string? text, string name)
    {
        if (string.IsNullOrEmpty(text))
        {
            return (null, null);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? (parsed, null)
            : (null, ApiProblems.Invalid($"{name} '{text}' is not a time; use ISO 8601, e.g. 2025-01-31T12:00:00Z."));
    }
}
