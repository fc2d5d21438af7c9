namespace Stratus.Containers.Source;

/// <summary>One Service port: <see cref="Protocol"/> is <c>TCP</c> or <c>UDP</c>; <see cref="TargetPort"/> defaults to <see cref="Port"/>.</summary>
public sealed record AppPort(string? Name, string Protocol, int Port, int TargetPort);
