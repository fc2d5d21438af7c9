namespace Stratus.Infra.Tests.Execution;

/// <summary>A directory of its own per test, removed afterwards (without following links out of it).</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        FullPath = Path.Combine(Path.GetTempPath(), "stratus-exec-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(FullPath);
    }

    public string FullPath { get; }

    public string Combine(params string[] parts) => Path.Combine([FullPath, .. parts]);

    public void Dispose()
    {
        try
        {
            RemoveTree(new DirectoryInfo(FullPath));
        }
        catch (IOException)
        {
            // Best effort; /tmp is cleaned eventually.
        }
    }

    private static void RemoveTree(DirectoryInfo directory)
    {
        foreach (var entry in directory.EnumerateFileSystemInfos())
        {
            if (entry.LinkTarget is not null || entry is FileInfo)
            {
                File.Delete(entry.FullName);
            }
            else
            {
                RemoveTree((DirectoryInfo)entry);
            }
        }

        directory.Delete();
    }
}
