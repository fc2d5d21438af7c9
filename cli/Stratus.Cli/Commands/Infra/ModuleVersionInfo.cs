namespace Stratus.Cli.Commands.Infra;

/// <summary>A published module version as the API answers it.</summary>
internal sealed record ModuleVersionInfo(string Version, string? Source, string? Tag, string Sha256, long Size, int Files, DateTimeOffset PublishedAt, string PublishedBy);
