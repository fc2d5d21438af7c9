using System.Globalization;
using Stratus.Archives;
using Stratus.Infra.Execution;
using Stratus.Infra.Templates;
using YamlDotNet.RepresentationModel;

namespace Stratus.Orchestrations.Jobs;

/// <summary>
/// A flow's <c>importComands</c>, as Terrakube runs them: when the step starts, the repository's branch is cloned, the
/// <c>commands.yaml</c> in the folder (the first of a comma-separated list; <c>/</c> is the repository's root) is read
/// as a <c>commands:</c> list, and those commands replace the flow's own. They are checked as a template's commands are.
/// </summary>
internal static class ImportedCommands
{
    public const string FileName = "commands.yaml";

    /// <exception cref="InvalidOperationException">The repository cannot be fetched, or its commands file is missing or invalid; the message says which.</exception>
    public static async Task<TclFlow> ApplyAsync(TclFlow flow, string scratch, bool allowFileUrls, Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(flow);
        if (flow.ImportCommands is not { } import)
        {
            return flow;
        }

        var shown = GitSource.DisplayUrl(import.Repository);
        if (!allowFileUrls && import.Repository.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"importComands: the repository '{shown}' is a file:// URL, which this server does not accept (Stratus:Infra:AllowFileGitSources is off); use an https:// or ssh:// repository.");
        }

        var clone = Path.Combine(scratch, "import");
        try
        {
            log($"importComands: fetching {FileName} from {shown}, branch {import.Branch}, folder {import.Folder}.");
            try
            {
                await GitSource.CloneAsync(import.Repository, string.IsNullOrEmpty(import.Branch) ? null : import.Branch, null, clone, log, cancellationToken);
            }
            catch (Exception ex) when (ex is GitSourceException or ArgumentException or IOException)
            {
                throw new InvalidOperationException($"importComands: fetching {shown} (branch {import.Branch}) failed: {ex.Message}", ex);
            }

            var folder = import.Folder.Split(',')[0].Trim().Trim('/');
            var file = Path.GetFullPath(Path.Combine(clone, folder, FileName));
            if (!file.StartsWith(Path.GetFullPath(clone) + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(file))
            {
                throw new InvalidOperationException($"importComands: {shown} (branch {import.Branch}) has no {FileName} in folder '{import.Folder}'; the folder must hold a {FileName} with a 'commands' list.");
            }

            var commands = Parse(flow.Type, await File.ReadAllTextAsync(file, cancellationToken), shown);
            log($"importComands: {commands.Count} command(s) imported.");
            return flow with { Commands = commands };
        }
        finally
        {
            LocalFiles.DeleteQuietly(clone);
        }
    }

    /// <summary>Reads a commands file by wrapping its list in a one-flow template, so the template checks apply.</summary>
    internal static IReadOnlyList<TclCommand> Parse(string flowType, string yaml, string repository)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new InvalidOperationException($"importComands: {FileName} in {repository} is not valid YAML: {ex.Message}", ex);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root
            || !root.Children.TryGetValue(new YamlScalarNode("commands"), out var list) || list is not YamlSequenceNode)
        {
            throw new InvalidOperationException($"importComands: {FileName} in {repository} must be a mapping with a 'commands' list.");
        }

        var template = new YamlMappingNode(
            new YamlScalarNode("flow"),
            new YamlSequenceNode(new YamlMappingNode(
                new YamlScalarNode("type"), new YamlScalarNode(flowType),
                new YamlScalarNode("step"), new YamlScalarNode("1"),
                new YamlScalarNode("commands"), list)));
        var text = new StringWriter(CultureInfo.InvariantCulture);
        new YamlStream(new YamlDocument(template)).Save(text, assignAnchors: false);
        var parsed = TclParser.Parse(text.ToString());
        if (parsed.Template is null)
        {
            throw new InvalidOperationException($"importComands: {FileName} in {repository} has invalid commands: " + string.Join("; ", parsed.Problems.Select(p => $"{p.Field.Replace("flow[0].", "", StringComparison.Ordinal)} {p.Message}")));
        }

        return parsed.Template.Flows[0].Commands;
    }
}
