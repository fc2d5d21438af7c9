namespace Stratus.Cli.Api.Models;

/// <summary>A permission of the catalog and the scope kinds it can be granted on.</summary>
internal sealed record PermissionInfo(string Name, string? Description, IReadOnlyList<string>? Scopes);
