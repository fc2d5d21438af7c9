namespace Stratus.Infra.Execution;

/// <summary>No binary for the wanted tool and version could be found or downloaded; the message lists what was tried and how to configure one.</summary>
public sealed class TerraformNotFoundException(string message, string tool, string? version, IReadOnlyList<string> tried) : Exception(message)
{
    /// <summary>"terraform" or "tofu".</summary>
    public string Tool { get; } = tool;

    /// <summary>The wanted version; null for the latest.</summary>
    public string? Version { get; } = version;

    public IReadOnlyList<string> Tried { get; } = tried;
}
