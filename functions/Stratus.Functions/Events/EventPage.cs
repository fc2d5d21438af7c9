namespace Stratus.Functions.Events;

internal sealed record EventPage(IReadOnlyList<PlatformEvent> Events, string? Continuation);
