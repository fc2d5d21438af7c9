namespace Stratus.Cli.Commands.Infra;

/// <summary>A variable collection: workspaces that reference it get its items, higher priorities first.</summary>
internal sealed record CollectionInfo(string Name, string? Description, int Priority, DateTimeOffset UpdatedAt, string UpdatedBy);
