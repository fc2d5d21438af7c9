namespace Stratus.Kubernetes.Runtime;

/// <param name="Status">Tsuru's unit states: created, starting, started, stopped, error.</param>
/// <param name="Address"><c>host:port</c> where the unit serves, when it does.</param>
public sealed record UnitInfo(string Id, string Process, int Version, string Status, string? Address, bool Ready);
