using System.Formats.Tar;
using System.IO.Compression;

namespace Stratus.Cli.Commands.Apps;

/// <summary>
/// Packs an app's folder as the tar.gz a deploy sends, as <c>tar -czf app.tar.gz -C folder .</c> would: paths relative
/// to the folder with <c>/</c> separators, file modes kept (the executable bit matters to Procfile scripts), symbolic
/// links stored as links, never followed. <c>.git</c> folders (and files, as in worktrees) are left out at any depth:
/// they are history, not the app, and often the largest part of the folder.
/// </summary>
internal static class AppArchive
{
    public const string SkippedName = ".git";

    /// <summary>Whether <paramref name="path"/> names an archive to send as is rather than a file to refuse.</summary>
    public static bool IsTarGz(string path) =>
        path.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase);

    /// <summary>Writes <paramref name="directory"/>'s tree to <paramref name="destination"/> as a gzip-compressed PAX tar.</summary>
    public static Task<AppArchiveContents> PackAsync(string directory, Stream destination, CancellationToken cancellationToken) =>
        PackAsync(directory, destination, new HashSet<string>(StringComparer.Ordinal) { SkippedName }, cancellationToken);

    /// <summary>Like the other overload, leaving out entries with any of the <paramref name="skipped"/> names at any depth.</summary>
    public static async Task<AppArchiveContents> PackAsync(string directory, Stream destination, IReadOnlySet<string> skipped, CancellationToken cancellationToken)
    {
        var root = new DirectoryInfo(Path.GetFullPath(directory));
        if (!root.Exists)
        {
            throw new CliException($"There is no folder '{directory}'.", "Give the folder of the app, or a .tar.gz of it.");
        }

        var files = 0;
        var bytes = 0L;
        await using (var gzip = new GZipStream(destination, CompressionLevel.Optimal, leaveOpen: true))
        await using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            var pending = new Stack<DirectoryInfo>();
            pending.Push(root);
            while (pending.TryPop(out var folder))
            {
                var children = folder.EnumerateFileSystemInfos()
                    .Where(c => !skipped.Contains(c.Name))
                    .OrderBy(c => c.Name, StringComparer.Ordinal)
                    .ToList();
                // Popped in reverse, so subfolders are written in name order after their parent's entries.
                for (var i = children.Count - 1; i >= 0; i--)
                {
                    if (children[i] is DirectoryInfo { LinkTarget: null } subfolder)
                    {
                        pending.Push(subfolder);
                    }
                }

                foreach (var child in children)
                {
                    var name = Path.GetRelativePath(root.FullName, child.FullName).Replace(Path.DirectorySeparatorChar, '/');
                    var isFolder = child is DirectoryInfo && child.LinkTarget is null;
                    // WriteEntryAsync reads the entry's type, mode, times and link target from the file system.
                    await tar.WriteEntryAsync(child.FullName, isFolder ? name + "/" : name, cancellationToken);
                    if (child is FileInfo { LinkTarget: null } file)
                    {
                        files++;
                        bytes += file.Length;
                    }
                }
            }
        }

        return new AppArchiveContents(files, bytes);
    }
}
