namespace Stratus.Cli.Commands.Infra;

/// <summary>Where a definition lives: <c>workspace</c>, <c>global</c> or <c>collection</c> (with its priority).</summary>
internal sealed record VariableSourceInfo(string Kind, string Name, string VariableId, int? Priority);
