namespace Stratus.Api.Infra.Templates;

/// <summary>One problem in a template's TCL: where it is and what to fix (<c>Text</c> says both in one line).</summary>
internal sealed record TemplateProblemResponse(int Line, int Column, string Field, string Message, string Text);
