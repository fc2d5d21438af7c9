namespace Stratus.Cli.Api.Models;

/// <summary>A token as listings show it: never its secret.</summary>
internal sealed record TokenInfo(string Id, string Name, string Kind, string Owner, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt, string CreatedBy);
