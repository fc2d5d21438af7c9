using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Stratus.Infra.Templates;

/// <summary>
/// Reads a template's YAML as a stream of events before anything builds a node tree, and refuses documents that would
/// be expensive or dangerous to load or walk: alias bombs (billion laughs), aliases inside their own anchor (cycles),
/// aliases to unknown anchors (YamlStream reports them at line 1), deep nesting (YamlStream loads recursively, and a stack overflow cannot be caught), non-text mapping keys (hashing
/// a big aliased key costs as much as expanding it) and more than one document. The event parser itself is iterative
/// and never expands aliases, so this pass is linear in the size of the text.
/// </summary>
internal static class TclDocumentGuard
{
    /// <summary>Returns the first reason to refuse the document, or null when YamlStream may load it.</summary>
    public static TclProblem? Check(string yaml, int maxNodes, int maxDepth)
    {
        // Expanded size of each completed anchor, so an alias costs what it would cost to walk it.
        var anchorSizes = new Dictionary<string, long>(StringComparer.Ordinal);
        var open = new Stack<TclOpenCollection>();
        long nodes = 0;
        var documents = 0;
        var lastMark = Mark.Empty;
        var parser = new Parser(new StringReader(yaml));
        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                lastMark = current.End;
                switch (current)
                {
                    case DocumentStart:
                        documents++;
                        if (documents > 1)
                        {
                            return At(current.Start, "a template is a single YAML document; remove the second one ('---')");
                        }

                        break;

                    case NodeEvent or AnchorAlias:
                        if (open.TryPeek(out var parent))
                        {
                            // In a mapping, children alternate key, value.
                            var isKey = parent.IsMapping && parent.Children % 2 == 0;
                            parent.Children++;
                            parent.LastChildStart = current.Start;
                            if (isKey && current is not Scalar)
                            {
                                return At(current.Start, "mapping keys must be plain text, not lists, mappings or aliases");
                            }
                        }

                        var problem = Count(current, anchorSizes, open, ref nodes, maxNodes, maxDepth);
                        if (problem is not null)
                        {
                            return problem;
                        }

                        break;

                    case SequenceEnd or MappingEnd:
                        var closed = open.Pop();

                        // YamlDotNet 16 emits no key event for a bare ':' line, leaving a value without a key that
                        // YamlStream then fails on with an ArgumentException.
                        if (closed.IsMapping && closed.Children % 2 != 0)
                        {
                            return At(closed.LastChildStart, "malformed YAML: a mapping entry has no key (is there a ':' with nothing before it?)");
                        }

                        if (closed.Anchor is not null)
                        {
                            anchorSizes[closed.Anchor] = nodes - closed.NodesBefore;
                        }

                        break;
                }
            }
        }
        catch (YamlException exception)
        {
            return Malformed(exception);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet 16 throws this from its scanner for some unterminated flow collections instead of a
            // YamlException; the last event that did parse is the best location there is.
            return At(lastMark, "malformed YAML: the text after this point could not be read (is a '[' or '{' left open?)");
        }

        return null;
    }

    public static TclProblem Malformed(YamlException exception) =>
        At(exception.Start, "malformed YAML: " + exception.Message);

    private static TclProblem? Count(
        ParsingEvent node, Dictionary<string, long> anchorSizes, Stack<TclOpenCollection> open, ref long nodes, int maxNodes, int maxDepth)
    {
        switch (node)
        {
            case AnchorAlias alias:
                var name = alias.Value.Value;
                if (open.Any(collection => collection.Anchor == name))
                {
                    return At(alias.Start, $"alias *{name} is inside the node it refers to, which would make the template endless");
                }

                // Checked here because YamlStream reports an unknown anchor at the start of the document.
                if (!anchorSizes.TryGetValue(name, out var size))
                {
                    return At(alias.Start, $"alias *{name} refers to no anchor &{name} before it");
                }

                nodes += size;
                break;

            case Scalar scalar:
                nodes++;
                if (!scalar.Anchor.IsEmpty)
                {
                    anchorSizes[scalar.Anchor.Value] = 1;
                }

                break;

            case NodeEvent collection:
                open.Push(new TclOpenCollection(collection.Anchor.IsEmpty ? null : collection.Anchor.Value, nodes, collection is MappingStart));
                nodes++;
                if (open.Count > maxDepth)
                {
                    return At(node.Start, $"the template nests deeper than {maxDepth} levels");
                }

                break;
        }

        return nodes > maxNodes
            ? At(node.Start, $"the template has more than {maxNodes} YAML nodes once aliases are expanded; aliases count every time they are used")
            : null;
    }

    private static TclProblem At(Mark mark, string message) =>
        new((int)Math.Min(mark.Line, int.MaxValue), (int)Math.Min(mark.Column, int.MaxValue), string.Empty, message);
}
