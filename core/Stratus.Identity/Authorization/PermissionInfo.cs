namespace Stratus.Identity.Authorization;

/// <summary>A permission, what it allows, and the scope kinds a grant of it can narrow to (global always works).</summary>
public sealed record PermissionInfo(string Name, string Description, IReadOnlyList<ScopeKind> Scopes);
