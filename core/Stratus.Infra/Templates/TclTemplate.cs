namespace Stratus.Infra.Templates;

/// <summary>
/// A parsed and validated TCL template (Terrakube's template YAML): its flows ordered by step, because a job creates
/// one step per flow and runs them in that order.
/// </summary>
public sealed record TclTemplate(IReadOnlyList<TclFlow> Flows);
