namespace Stratus.Api.Infra.Variables;

/// <summary>
/// A workspace's effective variables in precedence order (workspace, globals, collections by priority), and what
/// would stop a run from getting them (a sensitive variable without a value, or one the configured keys cannot decrypt).
/// </summary>
internal sealed record ResolvedVariablesResponse(string Organization, string Workspace, IReadOnlyList<EffectiveVariableResponse> Items, IReadOnlyList<string> Problems);
