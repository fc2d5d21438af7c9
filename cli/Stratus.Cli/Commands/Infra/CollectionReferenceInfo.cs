namespace Stratus.Cli.Commands.Infra;

/// <summary>A workspace a collection applies to.</summary>
internal sealed record CollectionReferenceInfo(string Collection, string Workspace, string WorkspaceId, DateTimeOffset CreatedAt, string CreatedBy);
