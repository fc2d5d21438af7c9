using System.ComponentModel.DataAnnotations;
using Stratus.Archives;

namespace Stratus.Orchestrations.Apps;

/// <summary>Settings of the app pipeline (<c>Stratus:Apps:Pipeline</c>).</summary>
public sealed class AppPipelineOptions
{
    public const string SectionName = "Stratus:Apps:Pipeline";

    public const long DefaultMaxArchiveBytes = 512L * 1024 * 1024;

    /// <summary>
    /// How long an app's lock outlives its last renewal. Work renews it every third of this; a holder that dies frees
    /// the app after at most this long (Tsuru: 5 min without a 30 s heartbeat).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LockLease { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Where builds unpack sources and write layers; a temp folder by default.</summary>
    public string? WorkDirectory { get; set; }

    /// <summary>Versions kept for rollback (the serving one is always kept).</summary>
    [Range(1, 1000)]
    public int KeepVersions { get; set; } = 10;

    /// <summary>The largest app archive accepted, compressed.</summary>
    [Range(1, long.MaxValue)]
    public long MaxArchiveBytes { get; set; } = DefaultMaxArchiveBytes;

    /// <summary>The largest an app archive may unpack to.</summary>
    [Range(1, long.MaxValue)]
    public long MaxUnpackedBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>The largest one file of an app archive may be; a bigger one is refused at its header, before it is written.</summary>
    [Range(1, long.MaxValue)]
    public long MaxFileBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>The port a web process listens on (given as <c>PORT</c>) when the image exposes none; Tsuru's default.</summary>
    [Range(1, 65535)]
    public int DefaultPort { get; set; } = 8888;

    /// <summary>
    /// How app layers built from an archive are compressed: <c>gzip</c> (default; every registry and runtime takes it),
    /// <c>zstd</c> (podman, containerd 1.5+, CRI-O; compresses at disk speed) or <c>none</c> (a plain tar, for a
    /// registry on the same host or network). Checked at start. A string, so a wrong value fails validation with a
    /// message that names the setting, not a binder conversion error.
    /// </summary>
    [RegularExpression("^(?i:gzip|zstd|none)$", ErrorMessage = "Stratus:Apps:Pipeline:LayerCompression must be gzip, zstd or none.")]
    public string LayerCompression { get; set; } = "gzip";

    /// <summary><see cref="LayerCompression"/> as the layer writer takes it; a setting left empty means gzip.</summary>
    public Containers.Oci.LayerCompression Compression() => string.IsNullOrEmpty(LayerCompression)
        ? Containers.Oci.LayerCompression.Gzip
        : Enum.Parse<Containers.Oci.LayerCompression>(LayerCompression, ignoreCase: true);

    /// <summary>The limits every app archive is unpacked under: at upload, and again when it is built.</summary>
    public ArchiveLimits ArchiveLimits() =>
        Stratus.Archives.ArchiveLimits.Default with { MaxCompressedBytes = MaxArchiveBytes, MaxUncompressedBytes = MaxUnpackedBytes, MaxEntryBytes = MaxFileBytes };

    public string ResolveWorkDirectory() => WorkDirectory is { Length: > 0 } folder ? folder : Path.Combine(Path.GetTempPath(), "stratus-builds");
}
