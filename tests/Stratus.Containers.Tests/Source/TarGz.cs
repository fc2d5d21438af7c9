using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace Stratus.Containers.Tests.Source;

/// <summary>Builds .tar.gz uploads, hostile ones included, in memory.</summary>
internal static class TarGz
{
    public const UnixFileMode Regular = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    public const UnixFileMode Executable = Regular | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    public static byte[] Build(params TarEntry[] entries)
    {
        var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var entry in entries)
            {
                writer.WriteEntry(entry);
            }
        }

        return buffer.ToArray();
    }

    public static TarEntry File(string name, string content, UnixFileMode mode = Regular, DateTimeOffset? modified = null, int uid = 1000) =>
        new PaxTarEntry(TarEntryType.RegularFile, name)
        {
            DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)),
            Mode = mode,
            ModificationTime = modified ?? DateTimeOffset.UtcNow,
            Uid = uid,
            Gid = uid,
        };

    public static TarEntry Directory(string name) => new PaxTarEntry(TarEntryType.Directory, name) { Mode = Executable };

    public static TarEntry SymbolicLink(string name, string target) => new PaxTarEntry(TarEntryType.SymbolicLink, name) { LinkName = target };

    public static TarEntry CharacterDevice(string name) => new PaxTarEntry(TarEntryType.CharacterDevice, name) { DeviceMajor = 1, DeviceMinor = 3 };
}
