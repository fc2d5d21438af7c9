namespace Stratus.Infra.Variables;

/// <summary>The owner has a variable with this key and category already (or the collection exists already).</summary>
public sealed class VariableConflictException(string message) : Exception(message);
