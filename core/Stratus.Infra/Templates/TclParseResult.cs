namespace Stratus.Infra.Templates;

/// <summary>
/// The outcome of <see cref="TclParser.Parse"/>: a template only when there are no problems, so a caller can never run
/// half of an invalid template.
/// </summary>
public sealed record TclParseResult(TclTemplate? Template, IReadOnlyList<TclProblem> Problems)
{
    public bool IsValid => Template is not null;
}
