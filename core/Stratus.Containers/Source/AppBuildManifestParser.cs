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
    /// Combines a YAML manifest (null when absent) and a Procfile (null when absent). The YAML's <c>processes</c>, when
    /// it lists any, win over the Procfile.
    /// </summary>
    public static AppBuildManifest Parse(string? yaml, string yamlFileName, string? procfile)
    {
        ArgumentException.ThrowIfNullOrEmpty(yamlFileName);
        var manifest = yaml is null ? AppBuildManifest.Empty : ParseYaml(yaml, yamlFileName);
        if (manifest.Processes.Count > 0)
        {
            return manifest with
            {
                ProcessesSource = yamlFileName,
                Warnings = procfile is null ? manifest.Warnings : [.. manifest.Warnings, $"{ProcfileName} ignored: {yamlFileName} lists the processes"],
            };
        }

        if (procfile is null)
        {
            return manifest;
        }

        var processes = ParseProcfile(procfile);
        return manifest with { Processes = processes, ProcessesSource = processes.Count > 0 ? ProcfileName : null };
    }

    /// <summary>Parses tsuru.yaml text; <paramref name="fileName"/> is used in error messages.</summary>
    public static AppBuildManifest ParseYaml(string yaml, string fileName = "tsuru.yaml")
    {
        ArgumentNullException.ThrowIfNull(yaml);
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
    /// Parses <c>name: command</c> lines; blank lines and <c>#</c> comments are skipped. Returns the processes sorted by
    /// name; a malformed line, an invalid or repeated name, or an empty command is an error naming the line.
    /// </summary>
    public static IReadOnlyList<AppProcess> ParseProcfile(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        CheckSize(text, ProcfileName);
        var processes = new List<AppProcess>();
        var lines = text.TrimStart('\uFEFF').Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var number = i + 1;
            var line = lines[i].TrimEnd('\r').Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new AppManifestException(ProcfileName, number, null, "expected 'name: command'");
            }

            var name = line[..colon].Trim();
            var command = line[(colon + 1)..].Trim();
            if (ProcessNameProblem(name) is { } problem)
            {
                throw new AppManifestException(ProcfileName, number, name, $"process name {problem}");
            }

            if (command.Length == 0)
            {
                throw new AppManifestException(ProcfileName, number, name, $"process '{name}' has no command");
            }

            if (processes.Any(p => p.Name == name))
            {
                throw new AppManifestException(ProcfileName, number, name, $"process '{name}' is declared twice");
            }

            processes.Add(new AppProcess(name, command));
        }

        processes.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return processes;
    }

    /// <summary>Why <paramref name="name"/> is not a valid process name (it becomes part of Kubernetes names), or null.</summary>
    public static string? ProcessNameProblem(string name) =>
        ProcessName().IsMatch(name)
            ? null
            : $"'{(name.Length > 60 ? name[..60] + "…" : name)}' must start with a lowercase letter and contain only lowercase letters, digits and '-' (at most 40 characters)";

    [GeneratedRegex("^[a-z][a-z0-9-]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex ProcessName();

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
