namespace Stratus.Containers.Source;

/// <summary>
/// One port of a process, as Tsuru's <c>ports</c> entries: <see cref="Protocol"/> is <c>TCP</c>, <c>UDP</c> or
/// <c>SCTP</c>; <see cref="Port"/> (the Service's) and <see cref="TargetPort"/> (the container's) default to each other;
/// an unnamed port is named as Tsuru names it, <c>http-default-&lt;n&gt;</c> (<c>udp-default-&lt;n&gt;</c> for UDP).
/// </summary>
public sealed record AppPort(string? Name, string Protocol, int Port, int TargetPort);
