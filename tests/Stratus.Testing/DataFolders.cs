namespace Stratus.Testing;

/// <summary>Removing a test host's data folder once the host has stopped.</summary>
public static class DataFolders
{
    /// <summary>
    /// A step's terraform or a job's log writer may still be closing files in the data folder just after the host
    /// stopped (xunit reported "directory not empty" as a class cleanup failure): retry for a few seconds, then leave
    /// the temporary folder rather than fail the class.
    /// </summary>
    public static void Delete(string path)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (Directory.Exists(path))
        {
            try
            {
                Directory.Delete(path, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                if (DateTime.UtcNow > deadline)
                {
                    Console.Error.WriteLine($"Left the test data folder {path}: {ex.Message}");
                    return;
                }

                Thread.Sleep(100);
            }
        }
    }
}
