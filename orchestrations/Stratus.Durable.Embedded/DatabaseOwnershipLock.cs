using System.Globalization;
using System.Text;

namespace Stratus.Durable.Embedded;

/// <summary>
/// The single-process rule: an exclusive lock on <c>&lt;database&gt;.lock</c>. .NET takes an OS advisory lock for
/// FileShare.None, which the kernel drops when the process dies (even on kill -9), so a crashed owner never blocks a restart.
/// </summary>
internal sealed class DatabaseOwnershipLock : IDisposable
{
    private readonly FileStream _stream;

    private DatabaseOwnershipLock(FileStream stream) => _stream = stream;

    public static DatabaseOwnershipLock Acquire(string databasePath)
    {
        var lockPath = databasePath + ".lock";
        var directory = Path.GetDirectoryName(Path.GetFullPath(lockPath));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        FileStream stream;
        try
        {
            stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException exception)
        {
            throw new InvalidOperationException(
                $"The durable store '{databasePath}' is already open in another process or service instance (lock file '{lockPath}' is held). " +
                "Only one process may own an embedded durable store.",
                exception);
        }

        // The owner's pid in the file is for people diagnosing a refusal; the OS lock is what enforces the rule.
        stream.SetLength(0);
        var pid = Encoding.UTF8.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        stream.Write(pid);
        stream.Flush();
        return new DatabaseOwnershipLock(stream);
    }

    public void Dispose() => _stream.Dispose();
}
