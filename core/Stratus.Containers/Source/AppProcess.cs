namespace Stratus.Containers.Source;

/// <summary>A process type (<c>web</c>, <c>worker</c>…) and the shell command that starts it.</summary>
public sealed record AppProcess(string Name, string Command)
{
    public AppHealthcheck? Healthcheck { get; init; }
}
