using System.Formats.Tar;

namespace Stratus.Containers.Tests.Source;

/// <summary>What a test checks of one entry of a produced layer.</summary>
internal sealed record LayerEntry(
    string Name, TarEntryType EntryType, UnixFileMode Mode, DateTimeOffset ModificationTime, int Uid, int Gid, string LinkName, string? Content);
