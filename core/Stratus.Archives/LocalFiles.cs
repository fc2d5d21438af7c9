namespace Stratus.Archives;

/// <summary>Deletes trees that may hold symbolic links (never following them) and read-only files.</summary>
public static class LocalFiles
{
    /// <summary>Deletes <paramref name="path"/> and everything under it; throws what the last attempt met.</summary>
    public static void Delete(string path, bool keepRoot = false)
    {
        var root = new DirectoryInfo(path);
        if (root.LinkTarget is not null)
        {
            File.Delete(path);
            return;
        }

        if (!root.Exists)
        {
            return;
        }

        foreach (var entry in root.EnumerateFileSystemInfos())
        {
            DeleteEntry(entry);
        }

        if (!keepRoot)
        {
            root.Delete();
        }
    }

    /// <summary>As <see cref="Delete"/>, for clean-up after another failure: that failure is the one to report.</summary>
    public static void DeleteQuietly(string path, bool keepRoot = false)
    {
        try
        {
            Delete(path, keepRoot);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Leave it; the caller is already throwing the error that matters.
        }
    }

    private static void DeleteEntry(FileSystemInfo entry)
    {
        if (entry.LinkTarget is not null)
        {
            // Unlink the link itself: its target (possibly outside the tree) is never touched, not even its mode.
            File.Delete(entry.FullName);
            return;
        }

        if (entry is FileInfo file)
        {
            if (OperatingSystem.IsWindows())
            {
                file.IsReadOnly = false;
            }

            file.Delete();
            return;
        }

        var directory = (DirectoryInfo)entry;
        if (!OperatingSystem.IsWindows())
        {
            // Go-built tools (terraform's provider cache among them) leave read-only directories behind.
            directory.UnixFileMode |= UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        }

        foreach (var child in directory.EnumerateFileSystemInfos())
        {
            DeleteEntry(child);
        }

        directory.Delete();
    }
}
