namespace Stratus.Identity.Authorization;

/// <summary>A named set of permission patterns. Built-in roles come with Stratus and cannot be changed.</summary>
public sealed record Role(string Name, string Description, IReadOnlyList<string> Permissions, bool BuiltIn = false)
{
    public bool Allows(string permission) => Permissions.Any(p => PermissionPattern.Matches(p, permission));
}
