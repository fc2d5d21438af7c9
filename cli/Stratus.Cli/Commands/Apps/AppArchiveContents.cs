namespace Stratus.Cli.Commands.Apps;

/// <summary>What <see cref="AppArchive.PackAsync"/> packed: regular files and their bytes before compression.</summary>
internal sealed record AppArchiveContents(int Files, long Bytes);
