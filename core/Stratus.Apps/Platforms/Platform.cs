using Stratus.Apps.Names;

namespace Stratus.Apps.Platforms;

/// <summary>A platform: the base image source builds start from (e.g. <c>127.0.0.1:5000/platforms/static:latest</c>).</summary>
public sealed record Platform(string Name, string Image, bool Disabled, DateTimeOffset CreatedAt = default, DateTimeOffset UpdatedAt = default)
{
    /// <returns>What to fix, or <c>null</c>.</returns>
    public string? Problem() =>
        AppNames.PlatformProblem(Name)
        ?? (string.IsNullOrWhiteSpace(Image) || Image.Any(char.IsWhiteSpace)
            ? $"The platform '{Name}' needs a base image reference without spaces, e.g. registry:5000/platforms/{Name}:latest."
            : null);
}
