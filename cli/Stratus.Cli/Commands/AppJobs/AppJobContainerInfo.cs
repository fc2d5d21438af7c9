namespace Stratus.Cli.Commands.AppJobs;

internal sealed record AppJobContainerInfo(string? Image, string? App, IReadOnlyList<string>? Command);
