namespace Stratus.Kubernetes.Runtime;

/// <param name="Command">A shell command line (run with <c>/bin/sh -lc</c>), from the Procfile, tsuru.yaml or the image.</param>
/// <param name="Port">The port the process listens on, given to it as <c>PORT</c>; 0 for a process that serves nothing (a worker).</param>
public sealed record WorkloadProcess(string Name, string Command, int Units, int Port, HealthcheckSpec? Healthcheck);
