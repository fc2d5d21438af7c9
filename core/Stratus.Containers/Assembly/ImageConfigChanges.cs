namespace Stratus.Containers.Assembly;

/// <summary>
/// What the assembler changes in the base image's config. Null or empty members keep the base's value.
/// </summary>
public sealed record ImageConfigChanges
{
    public static ImageConfigChanges None { get; } = new();

    /// <summary>Variables set by name: an existing <c>NAME=…</c> entry is replaced in place, new names are appended in ordinal order.</summary>
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public string? WorkingDir { get; init; }

    /// <summary>Ports to add, <c>8888</c> (tcp), <c>8888/tcp</c> or <c>53/udp</c>; the base's stay exposed.</summary>
    public IReadOnlyList<string> ExposedPorts { get; init; } = [];

    /// <summary>
    /// Replaces the entrypoint (an empty list clears it). As in a Dockerfile, setting it without <see cref="Cmd"/> clears
    /// the base's Cmd, which was written for the base's entrypoint.
    /// </summary>
    public IReadOnlyList<string>? Entrypoint { get; init; }

    /// <summary>Replaces the command (an empty list clears it).</summary>
    public IReadOnlyList<string>? Cmd { get; init; }

    /// <summary>Labels to add or replace; the base's other labels stay.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public string? User { get; init; }

    /// <summary>
    /// The image's <c>created</c> time and that of the added layers' history entries. Null keeps the base's and leaves
    /// the new entries undated, so assembling the same input twice gives the same digest.
    /// </summary>
    public DateTimeOffset? Created { get; init; }

    /// <summary>The <c>created_by</c> of each added layer's history entry.</summary>
    public string HistoryCreatedBy { get; init; } = "stratus: application layer";
}
