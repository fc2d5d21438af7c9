using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Stratus.Containers.Source;

/// <summary>
/// Reads tsuru.yaml (Tsuru's names: <c>tsuru.yaml</c>, <c>tsuru.yml</c>, <c>app.yaml</c>, <c>app.yml</c>, the first
/// present wins) and the <c>Procfile</c> into an <see cref="AppBuildManifest"/>. Both come from an upload: sizes are
/// capped, YAML is guarded against alias bombs and deep nesting, and every error names file, line and field.
/// </summary>
public static partial class AppBuildManifestParser
{
    /// <summary>Both files are a few lines; the cap bounds parsing cost.</summary>
    public const int MaxFileBytes = 64 * 1024;

    public const string ProcfileName = "Procfile";

    /// <summary>In Tsuru's order of preference.</summary>
    public static IReadOnlyList<string> ManifestFileNames { get; } = ["tsuru.yaml", "tsuru.yml", "app.yaml", "app.yml"];

    /// <summary>Reads the manifest files at the root of <paramref name="directory"/> (an extracted app source).</summary>
    public static async Task<AppBuildManifest> LoadAsync(string directory, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var present = ManifestFileNames.Where(name => File.Exists(Path.Combine(directory, name))).ToList();
        string? yamlFile = present.Count > 0 ? present[0] : null;
        var yaml = yamlFile is null ? null : await ReadCappedAsync(Path.Combine(directory, yamlFile), yamlFile, cancellationToken);
        var procfilePath = Path.Combine(directory, ProcfileName);
        var procfile = File.Exists(procfilePath) ? await ReadCappedAsync(procfilePath, ProcfileName, cancellationToken) : null;
        var manifest = Parse(yaml, yamlFile ?? ManifestFileNames[0], procfile);
        return present.Count > 1
            ? manifest with { Warnings = [.. manifest.Warnings, $"{string.Join(", ", present.Skip(1))} ignored: {present[0]} takes precedence"] }
            : manifest;
    }

    /// <summary>
    /// Combines a YAML manifest (null when absent) and a Procfile (null when absent) per process name, as Tsuru's build
    /// does: a <c>processes</c> entry's command wins over the Procfile line of the same name, the Procfile adds the
    /// other processes (and the commands the YAML leaves out), and an entry's checks and ports attach to its name
    /// whichever file gave the command. What was shadowed or skipped is in <see cref="AppBuildManifest.Warnings"/>.
    /// </summary>
    public static AppBuildManifest Parse(string? yaml, string yamlFileName, string? procfile)
    {
        ArgumentException.ThrowIfNullOrEmpty(yamlFileName);
        var manifest = yaml is null ? AppBuildManifest.Empty : ReadYaml(yaml, yamlFileName);
        var warnings = manifest.Warnings.ToList();
        var declared = manifest.Processes;
        var lines = procfile is null ? [] : ParseProcfile(procfile, warnings);
        var merged = new List<AppProcess>();
        foreach (var entry in declared)
        {
            var line = lines.FirstOrDefault(p => p.Name == entry.Name);
            if (entry.Command.Length > 0)
            {
                merged.Add(entry);
                if (line is not null)
                {
                    warnings.Add($"{ProcfileName}: process '{entry.Name}' ignored: {yamlFileName} gives its command");
                }
            }
            else if (line is not null)
            {
                merged.Add(entry with { Command = line.Command });
            }
            else
            {
                warnings.Add($"{yamlFileName}: process '{entry.Name}' ignored: it has no command, here or in a {ProcfileName}");
            }
        }

        merged.AddRange(lines.Where(line => declared.All(d => d.Name != line.Name)));
        merged.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        if (merged.GroupBy(p => KubernetesName(p.Name), StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } clash)
        {
            throw new AppManifestException(procfile is null ? yamlFileName : ProcfileName, 0, null,
                $"processes {string.Join(" and ", clash.Select(p => $"'{p.Name}'"))} would have the same Kubernetes name '{clash.Key}'; rename one");
        }

        var perProcess = declared.Count > 0;
        if (perProcess && manifest.Healthcheck is not null)
        {
            warnings.Add($"{yamlFileName}: the app-wide healthcheck is ignored: with processes listed, each process uses its own");
        }

        if (perProcess && manifest.Startupcheck is not null)
        {
            warnings.Add($"{yamlFileName}: the app-wide startupcheck is ignored: with processes listed, each process uses its own");
        }

        // A merged process's command is the YAML's when its entry has one, else the Procfile's.
        bool CommandFromYaml(AppProcess p) => declared.Any(d => d.Name == p.Name && d.Command.Length > 0);
        var fromYaml = merged.Any(CommandFromYaml);
        var fromProcfile = merged.Any(p => !CommandFromYaml(p));
        return manifest with
        {
            Processes = merged,
            ChecksPerProcess = perProcess,
            ProcessesSource = (fromYaml, fromProcfile) switch
            {
                (true, true) => $"{yamlFileName}, {ProcfileName}",
                (true, false) => yamlFileName,
                (false, true) => ProcfileName,
                _ => null,
            },
            Warnings = warnings,
        };
    }

    /// <summary>Parses tsuru.yaml text alone (no Procfile); <paramref name="fileName"/> is used in error messages.</summary>
    public static AppBuildManifest ParseYaml(string yaml, string fileName = "tsuru.yaml")
    {
        ArgumentNullException.ThrowIfNull(yaml);
        return Parse(yaml, fileName, null);
    }

    private static AppBuildManifest ReadYaml(string yaml, string fileName)
    {
        CheckSize(yaml, fileName);
        ManifestYamlGuard.Check(yaml, fileName);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            // Duplicate keys surface here, with their position.
            throw ManifestYamlGuard.Malformed(fileName, e);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            throw new AppManifestException(fileName, 0, null, "malformed YAML: the file could not be read", e);
        }

        var reader = new ManifestYamlReader(fileName);
        var manifest = reader.Read(stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode);
        return manifest with { Warnings = reader.Warnings };
    }

    /// <summary>
    /// Parses <c>name: command</c> lines as Tsuru does: a line is <c>^[A-Za-z0-9_-]+:\s*(.+)$</c>; any other line is
    /// skipped (blank lines and <c>#</c> comments silently, the rest with a warning naming the line), and a name given
    /// again replaces the earlier line. Returns the processes sorted by name.
    /// </summary>
    /// <param name="warnings">Receives a line per skipped or replaced line, for the deploy log; null drops them.</param>
    public static IReadOnlyList<AppProcess> ParseProcfile(string text, ICollection<string>? warnings = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        CheckSize(text, ProcfileName);
        var processes = new Dictionary<string, (AppProcess Process, int Line)>(StringComparer.Ordinal);
        var lines = text.TrimStart('\uFEFF').Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var number = i + 1;
            var line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            var match = ProcfileLine().Match(line);
            var command = match.Success ? match.Groups[2].Value.Trim() : "";
            if (!match.Success || command.Length == 0)
            {
                warnings?.Add(FormattableString.Invariant($"{ProcfileName} line {number} skipped: expected 'name: command' with a name of letters, digits, '_' and '-' at the start of the line"));
                continue;
            }

            var name = match.Groups[1].Value;
            if (ProcessNameProblem(name) is { } problem)
            {
                warnings?.Add(FormattableString.Invariant($"{ProcfileName} line {number} skipped: process name {problem}"));
                continue;
            }

            if (processes.TryGetValue(name, out var earlier))
            {
                warnings?.Add(FormattableString.Invariant($"{ProcfileName} line {number}: process '{name}' is declared again; this line replaces line {earlier.Line}"));
            }

            processes[name] = (new AppProcess(name, command), number);
        }

        return processes.Values.Select(p => p.Process).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>Why <paramref name="name"/> is not a valid process name (Tsuru's <c>[A-Za-z0-9_-]+</c>), or null.</summary>
    public static string? ProcessNameProblem(string name) =>
        ProcessName().IsMatch(name)
            ? null
            : $"'{(name.Length > 60 ? name[..60] + "…" : name)}' must be letters, digits, '_' and '-' only (at most 40 characters)";

    /// <summary>
    /// The form of a process name Kubernetes object names take (Tsuru's <c>ValidKubeName</c>): lowercase, <c>_</c>
    /// as <c>-</c>. The <c>app-process</c> label keeps the name itself.
    /// </summary>
    public static string KubernetesName(string process)
    {
        ArgumentNullException.ThrowIfNull(process);
        return process.Replace('_', '-').ToLowerInvariant();
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,40}$", RegexOptions.CultureInvariant)]
    private static partial Regex ProcessName();

    [GeneratedRegex(@"^([A-Za-z0-9_-]+):\s*(.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex ProcfileLine();

    private static void CheckSize(string text, string fileName)
    {
        if (text.Length > MaxFileBytes || Encoding.UTF8.GetByteCount(text) > MaxFileBytes)
        {
            throw new AppManifestException(fileName, 0, null, $"the file is larger than {MaxFileBytes} bytes");
        }
    }

    private static async Task<string> ReadCappedAsync(string path, string fileName, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        if (file.Length > MaxFileBytes)
        {
            throw new AppManifestException(fileName, 0, null, $"the file is larger than {MaxFileBytes} bytes");
        }

        using var reader = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return await reader.ReadToEndAsync(cancellationToken);
    }
}
