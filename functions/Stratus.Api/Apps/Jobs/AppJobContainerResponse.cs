namespace Stratus.Api.Apps.Jobs;

internal sealed record AppJobContainerResponse(string? Image, string? App, IReadOnlyList<string> Command);
