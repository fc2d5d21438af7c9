namespace Stratus.Api.Apps.Platforms;

/// <summary>A platform to create (<c>name</c>, <c>image</c>), or the fields of one to change (PUT keeps what it omits).</summary>
internal sealed record PlatformRequest(string? Name, string? Image, bool? Disabled);
