namespace Stratus.Kubernetes.Runtime;

/// <summary>A plan's limits; 0 means unlimited.</summary>
public sealed record ResourcePlan(string Name, long CpuMilli, long MemoryBytes);
