namespace Stratus.Sandbox;

/// <summary>A sandbox of this name exists already; follow it instead of starting another.</summary>
public sealed class SandboxAlreadyExistsException(string name) : InvalidOperationException($"A step sandbox named '{name}' already exists.")
{
    public string Name { get; } = name;
}
