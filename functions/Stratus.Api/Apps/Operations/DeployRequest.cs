using Stratus.Api.Api.Validation;

namespace Stratus.Api.Apps.Operations;

/// <summary>A deploy described in JSON (the archive kinds come as multipart or a raw tar.gz body instead).</summary>
internal sealed record DeployRequest(
    [property: Text(InputLimits.ImageReference)] string? Image,
    [property: Text(InputLimits.Dockerfile, Kind = TextKind.MultiLine)] string? Dockerfile,
    [property: Text(InputLimits.Url)] string? ArchiveUrl,
    [property: Text(InputLimits.Description, Kind = TextKind.MultiLine)] string? Message,
    [property: Text(InputLimits.Keyword)] string? Origin);
