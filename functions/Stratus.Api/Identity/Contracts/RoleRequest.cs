namespace Stratus.Api.Identity.Contracts;

/// <summary>A custom role: permission names or wildcards (<c>app.*</c>). On PUT the name comes from the route.</summary>
internal sealed record RoleRequest(string? Name, string? Description, IReadOnlyList<string>? Permissions);
