namespace Stratus.Kubernetes.Runtime;

public sealed record CrashedUnit(string Id, string Process, string Reason, IReadOnlyList<string> LastLogLines);
