namespace Stratus.Infra.Variables;

/// <summary>What <see cref="VariableStore.ReencryptAsync"/> did: values moved to the active key, and values it could not decrypt.</summary>
public sealed record ReencryptionResult(int Reencrypted, IReadOnlyList<string> Undecryptable);
