namespace Stratus.Infra.Variables;

/// <summary>A workspace's variables cannot be handed to a run; the message lists every key at fault and how to fix each.</summary>
public sealed class VariableResolutionException(string message, IReadOnlyList<string> keys) : Exception(message)
{
    /// <summary>The keys at fault.</summary>
    public IReadOnlyList<string> Keys { get; } = keys;
}
