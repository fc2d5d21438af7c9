namespace Stratus.Sandbox.ContainerApps;

/// <summary>
/// What maps a sandbox name to its execution, kept as a blob beside its bundles so any process finds it by name: the
/// host folder the step's files return to, and the execution ARM named (null between the claim and ARM's answer).
/// </summary>
internal sealed record SandboxRecord(string Name, string WorkingDirectory, DateTimeOffset ClaimedAt, string? Execution);
