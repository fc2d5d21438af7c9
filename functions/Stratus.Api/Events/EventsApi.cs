using Microsoft.AspNetCore.Http.HttpResults;
using Stratus.Api.Security;
using Stratus.Identity.Authorization;
using Stratus.Storage;

namespace Stratus.Api.Events;

internal static class EventsApi
{
    public const int MaxLimit = 200;

    public static RouteGroupBuilder MapEventsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/events").WithTags("Events");
        group.MapGet("/", ListEvents)
            .WithName("ListEvents")
            .WithSummary("A target's events, newest first, paged.")
            .RequirePermission(PermissionNames.EventRead);
        return api;
    }

    internal static async Task<Results<Ok<EventPage>, ProblemHttpResult>> ListEvents(
        PlatformEventStore store, string? target, int? limit, string? continuation, CancellationToken cancellationToken)
    {
        if (PlatformEventValidator.TargetProblem(target) is { } problem)
        {
            return TypedResults.Problem(problem, statusCode: StatusCodes.Status400BadRequest, title: "Invalid target");
        }

        var size = limit ?? 50;
        if (size is < 1 or > MaxLimit)
        {
            return TypedResults.Problem($"limit must be between 1 and {MaxLimit}; it was {size}.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid limit");
        }

        try
        {
            var (events, next) = await store.ListAsync(target!, size, continuation, cancellationToken);
            return TypedResults.Ok(new EventPage(events, next));
        }
        catch (InvalidStorageRequestException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest, title: "Invalid continuation");
        }
    }
}
