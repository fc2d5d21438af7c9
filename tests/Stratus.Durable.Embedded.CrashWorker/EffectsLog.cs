using System.Text;

namespace Stratus.Durable.Embedded.CrashWorker;

/// <summary>
/// Where activities record that they ran, flushed to disk before the activity returns, so a kill right after an
/// activity still leaves its line: the crash test counts re-runs from it.
/// </summary>
internal static class EffectsLog
{
    // FileMode.Append seeks to the end once at open and then writes at that offset (no O_APPEND), so concurrent
    // appenders would overwrite each other's lines; one writer at a time keeps every line.
    private static readonly Lock Gate = new();

    public static string? Path { get; set; }

    public static void Append(string line)
    {
        if (Path is null)
        {
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        lock (Gate)
        {
            using var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }
    }
}
