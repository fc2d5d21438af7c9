namespace Stratus.Cli.Commands.Infra;

/// <summary>The API's verdict on a template's TCL (<c>POST …/templates/validate</c>).</summary>
internal sealed record TemplateValidationInfo(bool Valid, IReadOnlyList<TemplateFlowInfo> Flows, IReadOnlyList<TemplateProblemInfo> Errors);
