namespace Stratus.Containers.Source;

/// <summary>The ports <c>kubernetes.groups.&lt;Group&gt;.&lt;Process&gt;.ports</c> declares.</summary>
public sealed record AppProcessPorts(string Group, string Process, IReadOnlyList<AppPort> Ports);
