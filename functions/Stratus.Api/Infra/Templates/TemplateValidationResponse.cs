using Stratus.Infra.Templates;

namespace Stratus.Api.Infra.Templates;

/// <summary>
/// What a save would say about a template's TCL: valid with its flows, or every problem with its line and field. A 200
/// either way: the check succeeded, and its verdict is the answer (as <c>terraform validate -json</c> reports).
/// </summary>
internal sealed record TemplateValidationResponse(bool Valid, IReadOnlyList<TemplateFlowSummary> Flows, IReadOnlyList<TemplateProblemResponse> Errors)
{
    public static TemplateValidationResponse From(TclParseResult result) => new(
        result.Problems.Count == 0,
        result.Template is { } template && result.Problems.Count == 0 ? [.. template.Flows.Select(f => new TemplateFlowSummary(f.Step, f.Type, f.Name))] : [],
        [.. result.Problems.Select(p => new TemplateProblemResponse(p.Line, p.Column, p.Field, p.Message, p.ToString()))]);
}
