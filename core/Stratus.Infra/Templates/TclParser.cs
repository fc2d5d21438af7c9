using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Stratus.Infra.Templates;

/// <summary>
/// Parses and validates TCL, Terrakube's template YAML. Every problem is collected, each with the line and column of
/// the node to fix, so a template author sees all mistakes in one round trip.
/// </summary>
public static class TclParser
{
    /// <summary>Templates are a few dozen lines; 64 KiB leaves room for long inline scripts and bounds parsing cost.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>Nodes after alias expansion; stops alias bombs that are tiny as text but huge once walked.</summary>
    public const int MaxNodes = 10_000;

    /// <summary>TCL needs 5 levels (flow, item, commands, item, field); the cap keeps YamlStream's recursion shallow.</summary>
    public const int MaxDepth = 32;

    /// <param name="yaml">The template text.</param>
    /// <param name="scheduleProblem">
    /// Checks a scheduleTemplates cron expression and returns what is wrong with it, or null when it is valid. Null
    /// skips the check, so this parser does not depend on the schedules code.
    /// </param>
    public static TclParseResult Parse(string yaml, Func<string, string?>? scheduleProblem = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);

        // Every char is at least one UTF-8 byte, so the length check avoids counting bytes of a huge string.
        if (yaml.Length > MaxBytes || Encoding.UTF8.GetByteCount(yaml) > MaxBytes)
        {
            return Refused(new TclProblem(0, 0, string.Empty, $"the template is larger than the limit of {MaxBytes} bytes (64 KiB)"));
        }

        var refused = TclDocumentGuard.Check(yaml, MaxNodes, MaxDepth);
        if (refused is not null)
        {
            return Refused(refused);
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException exception)
        {
            // What the event pass cannot see: duplicate keys and aliases to anchors that do not exist.
            return Refused(TclDocumentGuard.Malformed(exception));
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
        {
            // YamlDotNet bugs on odd input surface as these; the guard catches the known ones with a location, and a
            // template must never turn into a server error.
            return Refused(new TclProblem(0, 0, string.Empty, "malformed YAML: the template could not be read"));
        }

        var reader = new TclReader(scheduleProblem);
        var template = reader.Read(stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode);
        var problems = reader.Problems.OrderBy(p => p.Line).ThenBy(p => p.Column).ToList();
        return new TclParseResult(problems.Count == 0 ? template : null, problems);
    }

    private static TclParseResult Refused(TclProblem problem) => new(null, [problem]);
}
