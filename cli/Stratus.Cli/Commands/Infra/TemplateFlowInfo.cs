namespace Stratus.Cli.Commands.Infra;

/// <summary>One flow of a valid template.</summary>
internal sealed record TemplateFlowInfo(int Step, string Type, string? Name);
