namespace Stratus.Cli.Commands.Infra;

/// <summary>One problem in a template's TCL, with its line, column and field.</summary>
internal sealed record TemplateProblemInfo(int Line, int Column, string Field, string Message, string Text);
