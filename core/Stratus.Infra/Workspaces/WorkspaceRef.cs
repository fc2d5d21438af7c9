namespace Stratus.Infra.Workspaces;

/// <summary>The facts about a workspace other areas need: where it is, its stable id, and whether it is locked.</summary>
public sealed record WorkspaceRef(string Organization, string Name, string Id, bool Locked);
