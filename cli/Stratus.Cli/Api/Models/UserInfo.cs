namespace Stratus.Cli.Api.Models;

internal sealed record UserInfo(string Name, string? DisplayName, string? Email, string Source, bool Disabled, DateTimeOffset CreatedAt, string CreatedBy, IReadOnlyList<string>? Groups);
