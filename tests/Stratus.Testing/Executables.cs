namespace Stratus.Testing;

/// <summary>Finds the real tools tests and benchmarks run (terraform, podman, buildah, docker-registry), so they can skip clearly when one is missing.</summary>
public static class Executables
{
    /// <summary>The full path of <paramref name="tool"/> (a name looked up on PATH, or a path), or null.</summary>
    public static string? Find(string tool) =>
        Path.IsPathRooted(tool)
            ? (File.Exists(tool) ? tool : null)
            : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Select(directory => Path.Combine(directory, tool))
                .FirstOrDefault(File.Exists);

    public static bool OnPath(string tool) => Find(tool) is not null;
}
