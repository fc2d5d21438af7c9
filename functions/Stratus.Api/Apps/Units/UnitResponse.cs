using Stratus.Kubernetes.Runtime;

namespace Stratus.Api.Apps.Units;

/// <param name="Status">Tsuru's unit states: created, starting, started, stopped, error.</param>
internal sealed record UnitResponse(string Id, string Process, int Version, string Status, string? Address, bool Ready)
{
    public static UnitResponse From(UnitInfo unit) => new(unit.Id, unit.Process, unit.Version, unit.Status, unit.Address, unit.Ready);
}
