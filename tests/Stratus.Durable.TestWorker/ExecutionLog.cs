using System.Globalization;
using System.Text;

namespace Stratus.Durable.TestWorker;

/// <summary>
/// Appends "instance task" per finished activity run to a file several workers share, so a test can see which
/// activities ran again after a kill. Without a path it records nothing.
/// </summary>
internal sealed class ExecutionLog(string? path)
{
    private readonly Lock _lock = new();

    public void Record(ActivityContext context)
    {
        if (path is null)
        {
            return;
        }

        // One small write on an O_APPEND handle: lines from several processes do not interleave.
        var line = Encoding.UTF8.GetBytes($"{context.InstanceId} {context.TaskId}\n");
        lock (_lock)
        {
            using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            file.Write(line);
        }
    }

    /// <summary>The recorded runs, as (instance, task) pairs; a line still being written is left for the next read.</summary>
    public static IReadOnlyList<(string InstanceId, int TaskId)> Read(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(file);
        var lines = reader.ReadToEnd().Split('\n');
        var runs = new List<(string, int)>(lines.Length);
        foreach (var line in lines.SkipLast(1))
        {
            var parts = line.Split(' ');
            runs.Add((parts[0], int.Parse(parts[1], CultureInfo.InvariantCulture)));
        }

        return runs;
    }
}
