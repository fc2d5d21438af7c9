namespace Stratus.Containers.Source;

/// <summary>Deletes trees that may hold symbolic links (never followed) and read-only directories (vfs layers, Go tools).</summary>
internal static class SourceFiles
{
    public static void DeleteTree(string path)
    {
        var root = new DirectoryInfo(path);
        if (root.LinkTarget is not null)
        {
            File.Delete(path);
            return;
        }

        if (root.Exists)
        {
            DeleteEntry(root);
        }
    }

    public static void DeleteTreeQuietly(string path)
    {
        try
        {
            DeleteTree(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Clean-up after another failure: that failure is the one to report.
        }
    }

    private static void DeleteEntry(FileSystemInfo entry)
    {
        if (entry.LinkTarget is not null || entry is FileInfo)
        {
            File.Delete(entry.FullName);
            return;
        }

        var directory = (DirectoryInfo)entry;
        if (!OperatingSystem.IsWindows())
        {
            directory.UnixFileMode |= UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        }

        foreach (var child in directory.EnumerateFileSystemInfos())
        {
            DeleteEntry(child);
        }

        directory.Delete();
    }
}
