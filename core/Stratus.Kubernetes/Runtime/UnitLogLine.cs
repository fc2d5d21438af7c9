namespace Stratus.Kubernetes.Runtime;

public sealed record UnitLogLine(DateTimeOffset Time, string Unit, string Process, string Text);
