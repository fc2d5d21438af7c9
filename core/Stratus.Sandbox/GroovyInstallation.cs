using System.Runtime.InteropServices;

namespace Stratus.Sandbox;

/// <summary>
/// The host's Groovy (Debian's <c>groovy</c> package) and the JVM it runs on, as a step needs them: the commands that
/// launch it, and the host paths a container must see read-only for it to start. Debian links its jars, configuration
/// and certificates from elsewhere (<c>/usr/share/java</c>, <c>/etc/groovy</c>, <c>/etc/java-17-openjdk</c>…), so
/// every symlink under the Groovy and Java homes is followed and its target's folder added; a target directly in a
/// broad folder (<c>/etc</c>, <c>/usr</c>…) is mounted alone, so no host secret next to it becomes visible.
/// </summary>
/// <param name="GroovyHome">The folder holding <c>bin/groovy</c>.</param>
/// <param name="JavaHome">The JVM's home (holding <c>bin/java</c>).</param>
/// <param name="ReadOnlyMounts">Path inside the sandbox → host path, to mount read-only (the same path but for the loader).</param>
public sealed record GroovyInstallation(string GroovyHome, string JavaHome, IReadOnlyDictionary<string, string> ReadOnlyMounts)
{
    /// <summary>What a step shows when a script needs Groovy and the host has none.</summary>
    public const string NotInstalled =
        "groovy is not installed on the executor host, and this step has a GROOVY command: install it (Debian/Ubuntu: apt-get install groovy, which brings a Java runtime), then run the job again.";

    private const int MaxLinks = 5_000;

    private static readonly string[] BroadFolders = ["/", "/etc", "/usr", "/usr/share", "/usr/lib", "/usr/local", "/opt", "/var", "/root", "/home", "/run", "/tmp", "/srv", "/mnt"];

    /// <summary>The launcher of a script, with the environment it needs (not secret: folders only).</summary>
    public string Launcher => $"JAVA_HOME={Quote(JavaHome)} GROOVY_HOME={Quote(GroovyHome)} bash {Quote(Path.Combine(GroovyHome, "bin", "groovy"))}";

    // The host's installation, once found: finding it walks the JVM's folders (thousands of entries), and every step with
    // a GROOVY command asks. A miss is not kept, so installing groovy needs no restart.
    private static GroovyInstallation? _host;

    /// <summary>Finds groovy and java on <paramref name="path"/> (the host's PATH when null); null when either is missing.</summary>
    public static GroovyInstallation? Locate(string? path = null)
    {
        if (path is null)
        {
            return _host ??= Find(null);
        }

        return Find(path);
    }

    private static GroovyInstallation? Find(string? path)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        var groovy = Resolve("groovy", path);
        var java = Environment.GetEnvironmentVariable("JAVA_HOME") is { Length: > 0 } javaHome && File.Exists(Path.Combine(javaHome, "bin", "java"))
            ? Path.Combine(javaHome, "bin", "java")
            : Resolve("java", path);
        if (groovy is null || java is null)
        {
            return null;
        }

        var groovyHome = Path.GetDirectoryName(Path.GetDirectoryName(groovy))!;
        var javaHomeFound = Path.GetDirectoryName(Path.GetDirectoryName(RealPath(java)))!;
        return new GroovyInstallation(groovyHome, javaHomeFound, Mounts(groovyHome, javaHomeFound));
    }

    private static Dictionary<string, string> Mounts(string groovyHome, string javaHome)
    {
        var folders = new List<string>();
        var files = new List<string>();
        var pending = new Queue<string>([groovyHome, javaHome]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var links = 0;
        while (pending.TryDequeue(out var root))
        {
            if (!seen.Add(root) || Covered(root, folders))
            {
                continue;
            }

            folders.RemoveAll(f => Within(f, root));
            folders.Add(root);
            foreach (var link in new DirectoryInfo(root).EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 }))
            {
                if (link.LinkTarget is null || ++links > MaxLinks)
                {
                    continue;
                }

                var target = RealPath(link.FullName);
                if (Directory.Exists(target))
                {
                    pending.Enqueue(target);
                }
                else if (File.Exists(target) && Path.GetDirectoryName(target) is { } folder)
                {
                    if (BroadFolders.Contains(folder, StringComparer.Ordinal))
                    {
                        files.Add(target);
                    }
                    else
                    {
                        pending.Enqueue(folder);
                    }
                }
            }
        }

        var mounts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in folders.Concat(files.Where(f => !Covered(f, folders))))
        {
            mounts[entry] = entry;
        }

        // The JVM is dynamically linked: the loader at the path its ELF header names, and the system libraries it loads.
        var loaderPath = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "/lib/ld-linux-aarch64.so.1" : "/lib64/ld-linux-x86-64.so.2";
        if (File.Exists(loaderPath))
        {
            var loader = RealPath(loaderPath);
            mounts[loaderPath] = loader;
            var libraries = Path.GetDirectoryName(loader)!;
            mounts[libraries] = libraries;
        }

        return mounts;
    }

    private static bool Covered(string path, List<string> folders) => folders.Any(f => Within(path, f));

    private static bool Within(string path, string folder) =>
        path == folder || path.StartsWith(folder.TrimEnd('/') + "/", StringComparison.Ordinal);

    private static string? Resolve(string program, string? path)
    {
        foreach (var folder in (path ?? Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, program);
            if (File.Exists(candidate))
            {
                return RealPath(candidate);
            }
        }

        return null;
    }

    private static string RealPath(string path)
    {
        var info = new FileInfo(path);
        return info.LinkTarget is null ? Path.GetFullPath(path) : info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
