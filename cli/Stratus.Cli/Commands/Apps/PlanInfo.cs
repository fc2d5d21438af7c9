namespace Stratus.Cli.Commands.Apps;

/// <summary>A plan as the API answers it: <see cref="Memory"/> in bytes, <see cref="MemoryText"/> as in <c>512Mi</c>.</summary>
internal sealed record PlanInfo(string Name, int CpuMilli, long Memory, string? MemoryText, bool Default, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
