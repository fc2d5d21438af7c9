using Stratus.Api.Api.Validation;

namespace Stratus.Api.Apps.Jobs;

/// <summary>Tsuru's <c>container</c>: an image, or (Stratus) an app whose serving image the job runs; the command replaces the entrypoint.</summary>
internal sealed record AppJobContainerRequest(
    [property: Text(InputLimits.ImageReference)] string? Image,
    [property: Text(InputLimits.AppName)] string? App,
    [property: TextList(Stratus.Apps.Jobs.AppJobContainer.MaxCommandArguments, InputLimits.Value)] IReadOnlyList<string>? Command);
