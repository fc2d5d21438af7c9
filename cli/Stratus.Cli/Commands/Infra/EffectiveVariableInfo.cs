namespace Stratus.Cli.Commands.Infra;

/// <summary>A variable a workspace's jobs get, where it comes from, and the definitions it hides.</summary>
internal sealed record EffectiveVariableInfo(string Key, string Category, string? Value, bool Sensitive, VariableSourceInfo Source, IReadOnlyList<VariableSourceInfo> Overrides);
