using Stratus.Apps.Platforms;

namespace Stratus.Api.Apps.Platforms;

/// <summary>A platform: the base image builds start from. A disabled one is kept for existing apps but offered to no new deploy.</summary>
internal sealed record PlatformResponse(string Name, string Image, bool Disabled, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static PlatformResponse From(Platform p) => new(p.Name, p.Image, p.Disabled, p.CreatedAt, p.UpdatedAt);
}
