namespace Stratus.Sandbox;

/// <summary>What a driver knows of a sandbox.</summary>
/// <param name="ExitCode">Set when <see cref="Status"/> is <see cref="SandboxStatus.Exited"/>.</param>
/// <param name="Environment">The environment the sandbox was started with (values to mask when a re-run follows its log); empty when missing.</param>
public sealed record SandboxInfo(string Name, SandboxStatus Status, int? ExitCode, IReadOnlyDictionary<string, string> Environment)
{
    public static SandboxInfo Missing(string name) => new(name, SandboxStatus.Missing, null, new Dictionary<string, string>());
}
