namespace Stratus.Kubernetes.Runtime;

/// <summary>One port of a process: a container port (<see cref="TargetPort"/>) and its Service port (<see cref="Port"/>).</summary>
/// <param name="Name">A Kubernetes port name; also the port's route prefix, <c>&lt;name&gt;.port.&lt;process&gt;.process</c>.</param>
/// <param name="Protocol"><c>TCP</c>, <c>UDP</c> or <c>SCTP</c>; only TCP ports are routed.</param>
public sealed record WorkloadPort(string Name, string Protocol, int Port, int TargetPort)
{
    /// <summary>The name of the single port a process has when it declares none (Tsuru's too).</summary>
    public const string DefaultName = "http-default";

    /// <summary>HTTP routers can reach it.</summary>
    public bool IsRoutable => Protocol == "TCP";
}
