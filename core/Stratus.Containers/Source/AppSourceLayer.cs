using System.Formats.Tar;
using System.IO.Compression;
using Stratus.Containers.Oci;
using Stratus.Archives;
using ZstdSharp;

namespace Stratus.Containers.Source;

/// <summary>
/// Turns an uploaded app source (.tar.gz) into an OCI layer that places it at <c>/home/application/current</c>. The
/// upload is extracted with <see cref="SourceArchive"/>'s hostile-input rules first, and the layer is written from
/// the extracted tree, so nothing the upload says about owners, times or special files reaches the image. The layer is
/// deterministic: sorted entries, epoch mtimes, uid/gid 0, normalised directory modes; the same upload gives the same
/// digest, which lets the registry skip pushing a layer it already has.
/// </summary>
public static class AppSourceLayer
{
    /// <summary>Where the app lives in the image, as Tsuru's platforms expect.</summary>
    public const string ApplicationDirectory = "/home/application/current";

    public const string SourceFolderName = "source";

    public const string LayerFileName = "app-layer.tar";

    public const string DependencyLayerFileName = "dependencies-layer.tar";

    /// <summary>
    /// Root folders that hold an app's installed dependencies. They go into a layer of their own, below the app's
    /// code, so a redeploy that changes only code finds that layer in the registry and does not upload it again.
    /// </summary>
    public static IReadOnlyList<string> DependencyFolders { get; } = ["node_modules", "vendor", ".venv", "venv", "packages", "bower_components", ".bundle"];

    private const UnixFileMode DirectoryMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private const UnixFileMode LinkMode = (UnixFileMode)0x1FF;

    private const int WriteBufferBytes = 1024 * 1024;

    private static readonly string[] Parents = ["home/", "home/application/", "home/application/current/"];

    /// <summary>Like the other overload, with gzip layers (what every registry and runtime accepts).</summary>
    public static Task<AppSourceLayerResult> CreateAsync(Stream tarGz, string workDirectory, ArchiveLimits limits, CancellationToken cancellationToken) =>
        CreateAsync(tarGz, workDirectory, limits, LayerCompression.Gzip, cancellationToken);

    /// <summary>
    /// Extracts <paramref name="tarGz"/> into <c>&lt;workDirectory&gt;/source</c>, reads its tsuru.yaml/Procfile and writes
    /// <c>&lt;workDirectory&gt;/app-layer.tar[.gz|.zst]</c> compressed with <paramref name="compression"/>. Throws
    /// <see cref="InvalidSourceArchiveException"/> for a refused archive and <see cref="AppManifestException"/> for a
    /// malformed manifest; on any failure both outputs are removed.
    /// </summary>
    public static async Task<AppSourceLayerResult> CreateAsync(Stream tarGz, string workDirectory, ArchiveLimits limits, LayerCompression compression, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tarGz);
        ArgumentException.ThrowIfNullOrEmpty(workDirectory);
        ArgumentNullException.ThrowIfNull(limits);

        var work = Path.GetFullPath(workDirectory);
        Directory.CreateDirectory(work);
        var source = Path.Combine(work, SourceFolderName);
        var layerPath = Path.Combine(work, LayerFileName + Extension(compression));
        var dependencyPath = Path.Combine(work, DependencyLayerFileName + Extension(compression));
        if (File.Exists(layerPath) || File.Exists(dependencyPath))
        {
            throw new IOException($"'{layerPath}' already exists; each build needs a work directory of its own.");
        }

        try
        {
            var archive = await SourceArchive.ExtractAsync(tarGz, source, limits, cancellationToken);
            var manifest = await AppBuildManifestParser.LoadAsync(source, cancellationToken);
            var dependencies = DependencyFolders.Where(d => Directory.Exists(Path.Combine(source, d)) && new DirectoryInfo(Path.Combine(source, d)).LinkTarget is null).ToHashSet(StringComparer.Ordinal);
            var dependencyLayer = dependencies.Count == 0 ? null : await WriteLayerAsync(source, dependencyPath, dependencies.Contains, compression, cancellationToken);
            var layer = await WriteLayerAsync(source, layerPath, name => !dependencies.Contains(name), compression, cancellationToken);
            return new AppSourceLayerResult(layer, manifest, source, archive) { DependencyLayer = dependencyLayer };
        }
        catch
        {
            TryDelete(layerPath);
            TryDelete(dependencyPath);
            SourceFiles.DeleteTreeQuietly(source);
            throw;
        }
    }

    /// <summary>
    /// Writes the deterministic gzip layer for the files under <paramref name="sourceDirectory"/> to
    /// <paramref name="layerPath"/>, hashing while it writes. Symbolic links are stored as links (never followed).
    /// </summary>
    public static Task<LayerFile> WriteLayerAsync(string sourceDirectory, string layerPath, CancellationToken cancellationToken) =>
        WriteLayerAsync(sourceDirectory, layerPath, _ => true, LayerCompression.Gzip, cancellationToken);

    /// <summary>
    /// Like the other overload, with only the root entries whose name <paramref name="includeRootEntry"/> accepts, and
    /// compressed with <paramref name="compression"/>. The blob's digest and size are computed while writing and travel
    /// with the returned <see cref="LayerFile"/>, so the push never reads the file to hash it again.
    /// </summary>
    public static async Task<LayerFile> WriteLayerAsync(string sourceDirectory, string layerPath, Func<string, bool> includeRootEntry, LayerCompression compression, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(sourceDirectory);
        ArgumentException.ThrowIfNullOrEmpty(layerPath);
        var root = new DirectoryInfo(Path.GetFullPath(sourceDirectory));
        if (!root.Exists)
        {
            throw new DirectoryNotFoundException($"The app source folder '{root.FullName}' does not exist.");
        }

        string digest;
        string diffId;
        long size;
        await using (var file = new FileStream(layerPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, WriteBufferBytes, useAsync: true))
        {
            await using var compressed = new HashingWriteStream(file);
            if (compression == LayerCompression.None)
            {
                // The blob is the tar itself: one hash gives both the digest and the diff id.
                await WriteTarAsync(compressed, root, includeRootEntry, cancellationToken);
                diffId = compressed.Digest();
            }
            else
            {
                await using (var compressor = Compressor(compressed, compression))
                {
                    await using var uncompressed = new HashingWriteStream(compressor);
                    await WriteTarAsync(uncompressed, root, includeRootEntry, cancellationToken);
                    diffId = uncompressed.Digest();
                }
            }

            digest = compressed.Digest();
            size = compressed.BytesWritten;
            await file.FlushAsync(cancellationToken);
        }

        return new LayerFile(layerPath, digest, diffId, size) { MediaType = OciMediaTypes.LayerOf(compression) };
    }

    /// <summary>The file name suffix of a layer compressed with <paramref name="compression"/>.</summary>
    public static string Extension(LayerCompression compression) => compression switch
    {
        LayerCompression.Gzip => ".gz",
        LayerCompression.Zstd => ".zst",
        _ => "",
    };

    // Fastest for both: the benchmark's 200 MB of incompressible files is where a deploy's build time goes, and
    // higher levels buy a few percent on text at several times the CPU. zstd's level 1 keeps up with the disk.
    private static Stream Compressor(Stream output, LayerCompression compression) => compression switch
    {
        LayerCompression.Gzip => new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true),
        LayerCompression.Zstd => new CompressionStream(output, level: 1, bufferSize: 0, leaveOpen: true),
        _ => throw new ArgumentOutOfRangeException(nameof(compression), compression, "Unknown layer compression."),
    };

    private static async Task WriteTarAsync(Stream output, DirectoryInfo root, Func<string, bool> includeRootEntry, CancellationToken cancellationToken)
    {
        await using var tar = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true);
        foreach (var parent in Parents)
        {
            await tar.WriteEntryAsync(Entry(TarEntryType.Directory, parent, DirectoryMode), cancellationToken);
        }

        await WriteTreeAsync(tar, root, Parents[^1], includeRootEntry, cancellationToken);
    }

    private static async Task WriteTreeAsync(TarWriter tar, DirectoryInfo directory, string prefix, Func<string, bool> include, CancellationToken cancellationToken)
    {
        var children = directory.EnumerateFileSystemInfos().Where(c => include(c.Name)).ToList();
        children.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        foreach (var child in children)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = prefix + child.Name;
            if (child.LinkTarget is { } target)
            {
                var link = Entry(TarEntryType.SymbolicLink, name, LinkMode);
                link.LinkName = target;
                await tar.WriteEntryAsync(link, cancellationToken);
            }
            else if (child is DirectoryInfo sub)
            {
                await tar.WriteEntryAsync(Entry(TarEntryType.Directory, name + "/", DirectoryMode), cancellationToken);
                await WriteTreeAsync(tar, sub, name + "/", _ => true, cancellationToken);
            }
            else if (child is FileInfo file)
            {
                var entry = Entry(TarEntryType.RegularFile, name, OperatingSystem.IsWindows() ? (UnixFileMode)0x1A4 : file.UnixFileMode);
                await using var data = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
                entry.DataStream = data;
                await tar.WriteEntryAsync(entry, cancellationToken);
            }
        }
    }

    private static PaxTarEntry Entry(TarEntryType type, string name, UnixFileMode mode) => new(type, name)
    {
        Mode = mode,
        ModificationTime = DateTimeOffset.UnixEpoch,
        Uid = 0,
        Gid = 0,
        UserName = "",
        GroupName = "",
    };

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The failure being reported matters more than a leftover file in the work directory.
        }
    }
}
