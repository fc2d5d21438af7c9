namespace Stratus.Containers.Source;

/// <summary>
/// A process type (<c>web</c>, <c>worker</c>…) and the shell command that starts it, with what tsuru.yaml's
/// <c>processes</c> entry of the same name adds (its checks and ports), whichever file gave the command.
/// </summary>
public sealed record AppProcess(string Name, string Command)
{
    /// <summary>The process's own <c>healthcheck</c> (readiness).</summary>
    public AppHealthcheck? Healthcheck { get; init; }

    /// <summary>The process's own <c>startupcheck</c>: readiness is not probed until it passes.</summary>
    public AppHealthcheck? Startupcheck { get; init; }

    /// <summary><c>processes[].ports</c>; null or empty when the entry declares none (then <c>kubernetes.groups</c> or the default decides).</summary>
    public IReadOnlyList<AppPort>? Ports { get; init; }
}
