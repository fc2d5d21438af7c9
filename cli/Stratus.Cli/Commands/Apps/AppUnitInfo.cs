namespace Stratus.Cli.Commands.Apps;

/// <summary>One unit as the app's runtime reports it; <see cref="Status"/> is Tsuru's: created, starting, started, stopped or error.</summary>
internal sealed record AppUnitInfo(string Id, string Process, int Version, string Status, string? Address, bool Ready);
