namespace Stratus.Kubernetes.Runtime;

/// <param name="Status">Tsuru's unit states: created, starting, started, stopped, error.</param>
/// <param name="Address"><c>host:port</c> where the unit serves its first port, when it does.</param>
public sealed record UnitInfo(string Id, string Process, int Version, string Status, string? Address, bool Ready)
{
    /// <summary><c>host:port</c> of each of the unit's ports, by port name (the first is <see cref="Address"/>).</summary>
    public IReadOnlyDictionary<string, string> PortAddresses { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
