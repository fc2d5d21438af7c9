using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Stratus.Containers.Source;

/// <summary>
/// A linear pass over the YAML events before <c>YamlStream</c> builds a tree: refuses more than one document, deep
/// nesting (YamlStream recurses), non-text keys, and alias bombs (aliases cost the size of what they expand to). The
/// file comes from an upload, so none of that may reach the loader.
/// </summary>
internal static class ManifestYamlGuard
{
    public const int MaxNodes = 10_000;

    public const int MaxDepth = 16;

    public static void Check(string yaml, string file)
    {
        var anchorSizes = new Dictionary<string, long>(StringComparer.Ordinal);
        var open = new Stack<(string? Anchor, long NodesBefore, bool IsMapping, int Children, Mark LastChild)>();
        long nodes = 0;
        var documents = 0;
        var last = Mark.Empty;
        var parser = new Parser(new StringReader(yaml));
        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                last = current.End;
                switch (current)
                {
                    case DocumentStart when ++documents > 1:
                        throw Refuse(file, current.Start, "only one YAML document is allowed; remove the second one ('---')");
                    case NodeEvent or AnchorAlias:
                        if (open.TryPop(out var parent))
                        {
                            var isKey = parent.IsMapping && parent.Children % 2 == 0;
                            open.Push(parent with { Children = parent.Children + 1, LastChild = current.Start });
                            if (isKey && current is not Scalar)
                            {
                                throw Refuse(file, current.Start, "mapping keys must be plain text, not lists, mappings or aliases");
                            }
                        }

                        nodes += Count(current, anchorSizes, open, nodes, file);
                        if (nodes > MaxNodes)
                        {
                            throw Refuse(file, current.Start, $"the file has more than {MaxNodes} YAML nodes once aliases are expanded");
                        }

                        break;
                    case SequenceEnd or MappingEnd:
                        var closed = open.Pop();
                        if (closed.IsMapping && closed.Children % 2 != 0)
                        {
                            throw Refuse(file, closed.LastChild, "malformed YAML: a mapping entry has no key");
                        }

                        if (closed.Anchor is not null)
                        {
                            anchorSizes[closed.Anchor] = nodes - closed.NodesBefore;
                        }

                        break;
                }
            }
        }
        catch (YamlException e)
        {
            throw Malformed(file, e);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this for some unterminated flow collections.
            throw new AppManifestException(file, Line(last), null, "malformed YAML: the text after this point could not be read (is a '[' or '{' left open?)", e);
        }
    }

    public static AppManifestException Malformed(string file, YamlException e) =>
        new(file, Line(e.Start), null, "malformed YAML: " + e.Message, e);

    public static int Line(Mark mark) => (int)Math.Clamp(mark.Line, 0, int.MaxValue);

    private static long Count(
        ParsingEvent node,
        Dictionary<string, long> anchorSizes,
        Stack<(string? Anchor, long NodesBefore, bool IsMapping, int Children, Mark LastChild)> open,
        long nodes,
        string file)
    {
        switch (node)
        {
            case AnchorAlias alias:
                var name = alias.Value.Value;
                if (open.Any(c => c.Anchor == name))
                {
                    throw Refuse(file, alias.Start, $"alias *{name} is inside the node it refers to");
                }

                return anchorSizes.TryGetValue(name, out var size)
                    ? size
                    : throw Refuse(file, alias.Start, $"alias *{name} refers to no anchor &{name} before it");
            case Scalar scalar:
                if (!scalar.Anchor.IsEmpty)
                {
                    anchorSizes[scalar.Anchor.Value] = 1;
                }

                return 1;
            case NodeEvent collection:
                open.Push((collection.Anchor.IsEmpty ? null : collection.Anchor.Value, nodes, collection is MappingStart, 0, collection.Start));
                return open.Count > MaxDepth
                    ? throw Refuse(file, node.Start, $"the file nests deeper than {MaxDepth} levels")
                    : 1;
            default:
                return 0;
        }
    }

    private static AppManifestException Refuse(string file, Mark mark, string problem) => new(file, Line(mark), null, problem);
}
