using Microsoft.AspNetCore.Http.HttpResults;
using Stratus.Api.Security;
using Stratus.Orchestrations.Apps;

namespace Stratus.Api.Apps.Operations;

/// <summary>Starts an operation for a handler and turns the outcome into 202 (with the event) or 409 (naming the holder's event).</summary>
internal static class AppOperationResults
{
    /// <summary>The longest a caller may ask to wait for a busy app (<c>?wait=</c> seconds).</summary>
    public const int MaxWaitSeconds = 300;

    public static async Task<Results<Accepted<AppOperationResponse>, ProblemHttpResult>> StartAsync(
        AppOperationStarter starter, HttpContext context, string app, string kind, string origin, string? message, DeploySource? source, int? version, string? image, int? waitSeconds, CancellationToken cancellationToken,
        Func<CancellationToken, Task>? applyUnderLock = null, bool rollout = true)
    {
        var owner = context.GetCaller().Describe();
        var wait = TimeSpan.FromSeconds(Math.Clamp(waitSeconds ?? 0, 0, MaxWaitSeconds));
        var start = await starter.StartAsync(new AppOperationInput(app, "", kind, owner, origin, message, source, version), version, image, wait, cancellationToken, applyUnderLock, rollout);
        if (start.Event is not { } started)
        {
            var holder = start.Holder!;
            return TypedResults.Problem(
                $"{holder.Describe()}. One operation runs per app at a time: wait for it (GET /api/v1/apps/{app}/events/{holder.EventId}), cancel it, or retry with ?wait=<seconds>.",
                statusCode: StatusCodes.Status409Conflict,
                title: "App busy",
                extensions: new Dictionary<string, object?> { ["event"] = holder.EventId, ["kind"] = holder.Kind, ["owner"] = holder.Owner, ["startedAt"] = holder.AcquiredAt });
        }

        var response = AppOperationResponse.From(started);
        return TypedResults.Accepted(response.Event, response);
    }
}
