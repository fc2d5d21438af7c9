using System.Security.Cryptography;
using System.Text;
using Stratus.Processes;

namespace Stratus.Containers.Tools;

/// <summary>
/// The generated configuration of podman and buildah, and the environment variables that point them at it. Every
/// podman or buildah process Stratus starts gets <see cref="Variables"/>, so the machine's own configuration never leaks in.
/// </summary>
public sealed class ContainerToolsEnvironment
{
    private ContainerToolsEnvironment(ContainerToolsOptions options, IReadOnlyDictionary<string, string> variables)
    {
        Options = options;
        Variables = variables;
    }

    public ContainerToolsOptions Options { get; }

    /// <summary><c>CONTAINERS_CONF</c>, <c>CONTAINERS_STORAGE_CONF</c> and <c>CONTAINERS_REGISTRIES_CONF</c>.</summary>
    public IReadOnlyDictionary<string, string> Variables { get; }

    /// <summary>Writes the configuration files (overwriting earlier ones) and returns the environment that uses them.</summary>
    public static ContainerToolsEnvironment Create(ContainerToolsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Directory))
        {
            throw new ArgumentException($"{ContainerToolsOptions.SectionName}:Directory must name a folder.", nameof(options));
        }

        var folder = Path.GetFullPath(options.Directory);
        Directory.CreateDirectory(folder);
        var containersConf = Path.Combine(folder, "containers.conf");
        var storageConf = Path.Combine(folder, "storage.conf");

        WriteIfChanged(containersConf, """
            [containers]
            default_ulimits = ["nofile=1024:1024", "nproc=4096:4096"]
            netns = "host"

            [engine]
            runtime = "runc"
            cgroup_manager = "cgroupfs"
            events_logger = "file"

            """);
        WriteIfChanged(storageConf, $"""
            [storage]
            driver = "{options.StorageDriver}"
            runroot = "{Path.Combine(folder, "run")}"
            graphroot = "{Path.Combine(folder, "storage")}"

            """);
        var registries = new StringBuilder("unqualified-search-registries = []\n");
        foreach (var registry in options.InsecureRegistries.Distinct(StringComparer.Ordinal))
        {
            registries.Append(CultureInvariant($"\n[[registry]]\nlocation = \"{registry}\"\ninsecure = true\n"));
        }

        // Hosts that share one store (a test run, two API processes on one machine) may trust different registries:
        // each list gets a file named after its content, so no host rewrites the file another host's buildah is reading.
        var registriesText = registries.ToString();
        var registriesConf = Path.Combine(folder, $"registries-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(registriesText)))[..16]}.conf");
        WriteIfChanged(registriesConf, registriesText);
        return new ContainerToolsEnvironment(options, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["CONTAINERS_CONF"] = containersConf,
            ["CONTAINERS_STORAGE_CONF"] = storageConf,
            ["CONTAINERS_REGISTRIES_CONF"] = registriesConf,
        });
    }

    /// <summary>A process spec for podman or buildah with this environment.</summary>
    public ProcessSpec Spec(string tool, IReadOnlyList<string> arguments, string workingDirectory) =>
        new(tool, arguments, workingDirectory) { Environment = Variables, InheritEnvironment = false };

    /// <summary>Whether <paramref name="tool"/> (a name on PATH or a path) exists, so callers can skip or refuse clearly.</summary>
    public static bool IsInstalled(string tool)
    {
        if (Path.IsPathRooted(tool))
        {
            return File.Exists(tool);
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Any(dir => File.Exists(Path.Combine(dir, tool)));
    }

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);

    // A podman or buildah process may be reading the file right now: write a temporary file and rename it over the old
    // one, so a reader sees the old content or the new, never a truncated file.
    private static void WriteIfChanged(string path, string content)
    {
        if (File.Exists(path) && File.ReadAllText(path) == content)
        {
            return;
        }

        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temporary, content);
        File.Move(temporary, path, overwrite: true);
    }
}
