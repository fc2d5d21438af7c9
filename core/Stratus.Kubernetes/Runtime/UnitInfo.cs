namespace Stratus.Kubernetes.Runtime;

/// <param name="Status">Tsuru's unit states: created, starting, started, stopped, error.</param>
/// <param name="Address"><c>host:port</c> where the unit serves its first port, when it does.</param>
public sealed record UnitInfo(string Id, string Process, int Version, string Status, string? Address, bool Ready)
{
    /// <summary><c>host:port</c> of each of the unit's ports, by port name (the first is <see cref="Address"/>).</summary>
    public IReadOnlyDictionary<string, string> PortAddresses { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    // By value, ports included: a record would compare the dictionary by reference.
    public bool Equals(UnitInfo? other) =>
        other is not null && Id == other.Id && Process == other.Process && Version == other.Version && Status == other.Status
        && Address == other.Address && Ready == other.Ready
        && PortAddresses.Count == other.PortAddresses.Count
        && PortAddresses.All(p => other.PortAddresses.TryGetValue(p.Key, out var value) && value == p.Value);

    public override int GetHashCode() => HashCode.Combine(Id, Process, Version, Status, Address, Ready, PortAddresses.Count);
}
