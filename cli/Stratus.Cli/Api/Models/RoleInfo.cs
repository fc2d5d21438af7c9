namespace Stratus.Cli.Api.Models;

internal sealed record RoleInfo(string Name, string? Description, IReadOnlyList<string> Permissions, bool BuiltIn);
