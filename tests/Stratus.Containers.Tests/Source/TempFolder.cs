namespace Stratus.Containers.Tests.Source;

/// <summary>A folder of its own per test, removed afterwards without following links and despite read-only directories.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder(string prefix = "stratus-containers-tests-")
    {
        FullPath = Directory.CreateTempSubdirectory(prefix).FullName;
    }

    public string FullPath { get; }

    public string Combine(params string[] parts) => Path.Combine([FullPath, .. parts]);

    public void Dispose() => Remove(FullPath);

    /// <summary>Deletes <paramref name="path"/> and everything under it, quietly.</summary>
    public static void Remove(string path)
    {
        try
        {
            Remove(new DirectoryInfo(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort; /tmp is cleaned eventually.
        }
    }

    private static void Remove(DirectoryInfo directory)
    {
        if (!OperatingSystem.IsWindows())
        {
            directory.UnixFileMode |= UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        }

        foreach (var entry in directory.EnumerateFileSystemInfos())
        {
            if (entry.LinkTarget is not null || entry is FileInfo)
            {
                File.Delete(entry.FullName);
            }
            else
            {
                Remove((DirectoryInfo)entry);
            }
        }

        directory.Delete();
    }
}
