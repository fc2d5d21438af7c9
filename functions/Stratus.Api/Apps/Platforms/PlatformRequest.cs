using Stratus.Api.Api.Validation;

namespace Stratus.Api.Apps.Platforms;

/// <summary>A platform to create (<c>name</c>, <c>image</c>), or the fields of one to change (PUT keeps what it omits).</summary>
internal sealed record PlatformRequest([property: Text(InputLimits.Name)] string? Name, [property: Text(InputLimits.ImageReference)] string? Image, bool? Disabled);
