namespace Stratus.Cli.Api.Models;

internal sealed record TeamInfo(string Name, string? Description, IReadOnlyList<string>? Groups, DateTimeOffset CreatedAt, string CreatedBy);
