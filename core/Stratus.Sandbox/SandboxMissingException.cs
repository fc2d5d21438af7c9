namespace Stratus.Sandbox;

/// <summary>No sandbox has this name: it never started, or it was removed.</summary>
public sealed class SandboxMissingException(string name) : InvalidOperationException($"No step sandbox named '{name}' exists: it never started or it was removed.")
{
    public string Name { get; } = name;
}
