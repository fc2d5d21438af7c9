namespace Stratus.Infra.Variables;

/// <summary>
/// A workspace's effective variables (sensitive values masked) and what would stop a run from getting them: the
/// same problems <see cref="VariableResolver.ResolveAsync(Workspaces.WorkspaceRef, CancellationToken)"/> would fail with.
/// </summary>
public sealed record VariableExplanation(IReadOnlyList<EffectiveVariable> Variables, IReadOnlyList<string> Problems);
