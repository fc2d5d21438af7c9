namespace Stratus.Api.Events;

internal sealed record EventPage(IReadOnlyList<PlatformEvent> Events, string? Continuation);
