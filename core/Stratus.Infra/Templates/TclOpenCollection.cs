using YamlDotNet.Core;

namespace Stratus.Infra.Templates;

/// <summary>A sequence or mapping <see cref="TclDocumentGuard"/> is inside of while it reads events.</summary>
internal sealed class TclOpenCollection(string? anchor, long nodesBefore, bool isMapping)
{
    /// <summary>Recorded with its expanded size when the collection closes, so later aliases know their cost.</summary>
    public string? Anchor { get; } = anchor;

    public long NodesBefore { get; } = nodesBefore;

    public bool IsMapping { get; } = isMapping;

    public int Children { get; set; }

    /// <summary>Where the latest child began: the location to blame for a key without a value.</summary>
    public Mark LastChildStart { get; set; } = Mark.Empty;
}
