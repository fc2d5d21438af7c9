using Stratus.Apps.Plans;

namespace Stratus.Api.Apps.Plans;

/// <summary>A plan: <see cref="Memory"/> in bytes and <see cref="MemoryText"/> as people write it (<c>512Mi</c>); 0 means no limit.</summary>
internal sealed record PlanResponse(string Name, int CpuMilli, long Memory, string MemoryText, bool Default, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static PlanResponse From(Plan p) => new(p.Name, p.CpuMilli, p.MemoryBytes, PlanMemory.Format(p.MemoryBytes), p.Default, p.CreatedAt, p.UpdatedAt);
}
