namespace Stratus.Infra.Variables;

/// <summary>Where an effective variable comes from: the workspace, the organization's globals, or a collection (with its priority).</summary>
public sealed record VariableSource(VariableOwnerKind Kind, string Name, string VariableId, int? Priority = null);
