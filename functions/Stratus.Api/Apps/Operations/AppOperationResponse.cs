using Stratus.Apps.Events;

namespace Stratus.Api.Apps.Operations;

/// <summary>A started operation: follow <see cref="Log"/> (<c>?follow=true</c> streams it) or poll <see cref="Event"/> until it ends.</summary>
internal sealed record AppOperationResponse(string EventId, string App, string Kind, string Status, string Event, string Log)
{
    public static AppOperationResponse From(AppEvent started) => new(
        started.Id, started.Target.Value, started.Kind, started.Status,
        $"/api/v1/apps/{started.Target.Value}/events/{started.Id}",
        $"/api/v1/apps/{started.Target.Value}/events/{started.Id}/log");
}
