using System.Text;

namespace Stratus.Testing;

/// <summary>
/// Reads every file under a store's folder, for tests that prove a secret is not kept in clear. Files that vanish
/// while the store works, or that their owner holds exclusively (empty lock files), are passed over: they hold nothing.
/// </summary>
public static class StoreScan
{
    /// <summary>The files holding any of <paramref name="texts"/> in UTF-8 or UTF-16.</summary>
    public static IReadOnlyList<string> FilesContaining(string folder, params string[] texts)
    {
        var needles = texts.SelectMany(t => new[] { Encoding.UTF8.GetBytes(t), Encoding.Unicode.GetBytes(t) }).ToList();
        return [.. ReadAll(folder).Where(f => needles.Any(n => f.Bytes.AsSpan().IndexOf(n) >= 0)).Select(f => f.Path)];
    }

    /// <summary>How many files were readable: a scan that read nothing proves nothing.</summary>
    public static int ReadableFileCount(string folder) => ReadAll(folder).Count();

    private static IEnumerable<(string Path, byte[] Bytes)> ReadAll(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            byte[] bytes;
            try
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var memory = new MemoryStream();
                stream.CopyTo(memory);
                bytes = memory.ToArray();
            }
            catch (IOException)
            {
                continue;
            }

            yield return (file, bytes);
        }
    }
}
