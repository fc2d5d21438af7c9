namespace Stratus.Kubernetes.Runtime;

/// <param name="Command">A shell command line (run with <c>/bin/sh -lc</c>), from the Procfile, tsuru.yaml or the image.</param>
/// <param name="Port">The container port of the process's first port, given to it as <c>PORT</c>; 0 for a process that serves nothing (a worker).</param>
/// <param name="Healthcheck">The readiness check (tsuru.yaml's <c>healthcheck</c>).</param>
public sealed record WorkloadProcess(string Name, string Command, int Units, int Port, HealthcheckSpec? Healthcheck)
{
    /// <summary>tsuru.yaml's <c>startupcheck</c>: readiness is not probed until it has passed.</summary>
    public HealthcheckSpec? Startupcheck { get; init; }

    /// <summary>The ports the process declares (tsuru.yaml); empty means one port, <see cref="Port"/>, named <c>http-default</c>.</summary>
    public IReadOnlyList<WorkloadPort> Ports { get; init; } = [];

    /// <summary>Every port the process serves on, first (the <c>PORT</c> one) first.</summary>
    public IReadOnlyList<WorkloadPort> AllPorts => Ports.Count > 0
        ? Ports
        : Port > 0 ? [new WorkloadPort(WorkloadPort.DefaultName, "TCP", Port, Port)] : [];

    /// <summary>Tsuru's <c>PORT_&lt;process&gt;</c> variable: every port the process listens on, comma-separated.</summary>
    public string PortsVariable => "PORT_" + Name;
}
