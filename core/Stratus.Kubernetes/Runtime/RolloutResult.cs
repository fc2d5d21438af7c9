namespace Stratus.Kubernetes.Runtime;

public sealed record RolloutResult(bool Succeeded, string? Error, IReadOnlyList<UnitInfo> Units, IReadOnlyList<CrashedUnit> Crashed);
