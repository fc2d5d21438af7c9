using Stratus.Apps.Names;

namespace Stratus.Apps.Plans;

/// <summary>A plan: the CPU (millicores) and memory (bytes) each unit of an app gets. Zero means no limit.</summary>
public sealed record Plan(string Name, int CpuMilli, long MemoryBytes, bool Default, DateTimeOffset CreatedAt = default, DateTimeOffset UpdatedAt = default)
{
    /// <returns>What to fix, or <c>null</c>.</returns>
    public string? Problem() =>
        AppNames.PlanProblem(Name)
        ?? (CpuMilli < 0 ? $"The plan's CPU must be 0 (no limit) or more millicores; it was {CpuMilli}." : null)
        ?? (MemoryBytes < 0 ? $"The plan's memory must be 0 (no limit) or more bytes; it was {MemoryBytes}." : null);
}
