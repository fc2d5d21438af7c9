namespace Stratus.Cli.Commands.Infra;

/// <summary>A workspace's effective variables in precedence order, and what would stop a job from getting them.</summary>
internal sealed record ResolvedVariablesInfo(string Organization, string Workspace, IReadOnlyList<EffectiveVariableInfo> Items, IReadOnlyList<string> Problems);
