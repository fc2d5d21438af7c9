namespace Stratus.Cli.Commands.Infra;

/// <summary>A job's step; <see cref="Log"/> is the path of its log once it has one.</summary>
internal sealed record JobStepInfo(int Number, string Name, string Type, string Status, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? Reason, string? Log);
