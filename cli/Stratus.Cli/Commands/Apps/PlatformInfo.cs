namespace Stratus.Cli.Commands.Apps;

internal sealed record PlatformInfo(string Name, string Image, bool Disabled, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
