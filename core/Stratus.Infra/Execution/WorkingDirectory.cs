using System.Text.RegularExpressions;
using Stratus.Archives;

namespace Stratus.Infra.Execution;

/// <summary>
/// A fresh directory for one executor step, <c>{root}/{name}</c>: <see cref="SourceDirectory"/> receives the clone or
/// the unpacked archive, <see cref="ScratchDirectory"/> holds what is ours rather than the source's (plan files, the
/// CLI configuration). Leftovers of an earlier attempt with the same name are removed first; everything is deleted on
/// dispose, without following symbolic links out of the tree.
/// </summary>
public sealed partial class WorkingDirectory : IDisposable
{
    private WorkingDirectory(string fullPath)
    {
        FullPath = fullPath;
        SourceDirectory = Path.Combine(fullPath, "source");
        ScratchDirectory = Path.Combine(fullPath, "scratch");
        CliConfigFile = Path.Combine(ScratchDirectory, "terraform.tfrc");
    }

    public string FullPath { get; }

    public string SourceDirectory { get; }

    public string ScratchDirectory { get; }

    /// <summary>
    /// An empty terraform CLI configuration, created with the directory, for <c>TF_CLI_CONFIG_FILE</c>: the run must
    /// not pick up the host's ~/.terraformrc (its credentials, plugin cache or mirrors).
    /// </summary>
    public string CliConfigFile { get; }

    /// <param name="root">The executor's work root; created when missing.</param>
    /// <param name="name">A single path segment, e.g. "job-42-step-100": letters, digits, '.', '_' and '-'.</param>
    public static WorkingDirectory Create(string root, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        if (!NamePattern().IsMatch(name))
        {
            throw new ArgumentException($"The working directory name '{name}' is not valid: use 1–255 letters, digits, '.', '_' or '-', starting with a letter or digit.", nameof(name));
        }

        var fullPath = Path.Combine(Path.GetFullPath(root), name);
        LocalFiles.Delete(fullPath);
        var directory = new WorkingDirectory(fullPath);

        // Only the owner (Stratus, or the step's sandbox user) may look inside: the folder holds variables, plans and tokens.
        CreatePrivateDirectory(Path.GetFullPath(root));
        CreatePrivateDirectory(fullPath);
        CreatePrivateDirectory(directory.SourceDirectory);
        CreatePrivateDirectory(directory.ScratchDirectory);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var config = new StreamWriter(directory.CliConfigFile, options))
        {
            config.Write("# Stratus: no host CLI configuration for this run.\n");
        }

        return directory;
    }

    /// <summary>
    /// The workspace's folder inside the source. Terrakube writes folders as "/" or "/infra/prod": a leading slash means
    /// the source root, not the file system's. A folder that leads out of the source, directly or through a symbolic
    /// link, is refused; so is one that does not exist.
    /// </summary>
    public string ResolveFolder(string? folder)
    {
        var relative = (folder ?? string.Empty).Trim().TrimStart('/');
        if (relative.Contains('\\', StringComparison.Ordinal) || relative.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"The workspace folder '{folder}' is not valid: use '/' as the separator.", nameof(folder));
        }

        var resolved = ConfinedPath.Resolve(SourceDirectory, relative)
            ?? throw new ArgumentException($"The workspace folder '{folder}' leads outside the source.", nameof(folder));
        if (!Directory.Exists(resolved))
        {
            throw new DirectoryNotFoundException($"The workspace folder '{folder}' does not exist in the source.");
        }

        return resolved;
    }

    public void Dispose() => LocalFiles.DeleteQuietly(FullPath);

    private static void CreatePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else if (!Directory.Exists(path))
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,254}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
