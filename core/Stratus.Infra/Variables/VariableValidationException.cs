namespace Stratus.Infra.Variables;

/// <summary>A variable write the rules refuse; <see cref="Problem"/> names the field and says what to change.</summary>
public sealed class VariableValidationException(VariableProblem problem) : Exception(problem.Detail)
{
    public VariableProblem Problem { get; } = problem;
}
