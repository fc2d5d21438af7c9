namespace Stratus.Infra.Variables;

/// <summary>Why a variable cannot be written: the request field at fault and what to change.</summary>
public sealed record VariableProblem(string Field, string Detail);
