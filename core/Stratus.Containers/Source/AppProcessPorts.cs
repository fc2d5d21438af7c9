namespace Stratus.Containers.Source;

/// <summary>
/// The ports <c>kubernetes.groups.&lt;Group&gt;.&lt;Process&gt;.ports</c> declares. <see cref="Ports"/> is null when
/// the entry has no <c>ports</c> key, and empty for <c>ports: []</c>, which (as in Tsuru) means "no Service".
/// </summary>
public sealed record AppProcessPorts(string Group, string Process, IReadOnlyList<AppPort>? Ports);
