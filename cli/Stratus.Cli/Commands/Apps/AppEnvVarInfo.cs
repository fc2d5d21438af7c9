namespace Stratus.Cli.Commands.Apps;

/// <summary>An environment variable as the API shows it: a private one's <see cref="Value"/> is always null.</summary>
internal sealed record AppEnvVarInfo(string Name, string? Value, bool Private);
