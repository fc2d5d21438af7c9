namespace Stratus.Infra.Variables;

/// <summary>A workspace a collection applies to: its id (what counts) and its name when the reference was made.</summary>
public sealed record CollectionReference(string Organization, string Collection, string WorkspaceId, string WorkspaceName, DateTimeOffset CreatedAt, string CreatedBy);
