namespace Stratus.Cli.Commands.Infra;

/// <summary>A held state lock: terraform's lock info (<c>ID</c>, <c>Operation</c>, <c>Who</c> …) and the Stratus caller who took it.</summary>
internal sealed record StateLockInfo(string Id, string Operation, string Info, string Who, string Version, string Created, string Path, string LockedBy, DateTimeOffset LockedAt);
