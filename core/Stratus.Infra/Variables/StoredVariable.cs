namespace Stratus.Infra.Variables;

/// <summary>A variable with its protected value (sensitive variables only); never leaves this assembly's stores and resolver.</summary>
internal sealed record StoredVariable(Variable Variable, string? ProtectedValue);
