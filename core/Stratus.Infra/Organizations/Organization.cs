namespace Stratus.Infra.Organizations;

/// <summary>A Terrakube organization: the unit that owns workspaces, templates, globals, collections and modules.</summary>
public sealed record Organization(string Name, string? Description, DateTimeOffset CreatedAt, string CreatedBy);
