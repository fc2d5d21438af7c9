using System.Diagnostics;
using System.Globalization;
using Stratus.Testing;

namespace Stratus.Benchmarks.Apps;

/// <summary>
/// The peer for the push figure: <c>curl</c> uploading a layer file to the same registry the way the OCI distribution
/// spec's monolithic upload goes (POST for a session, then one PUT of the whole file with its digest). curl does no
/// hashing and streams from the file, so it shows what this registry accepts at best from any client.
/// </summary>
internal static class CurlBlobPush
{
    public static bool Available => Executables.OnPath("curl");

    /// <returns>MiB/s of the PUT that carries the bytes (the session's POST is not counted).</returns>
    public static async Task<double> MiBPerSecondAsync(string registry, string repository, string path, string digest, CancellationToken cancellationToken)
    {
        var started = await RunAsync(["-sS", "-f", "-X", "POST", "-D", "-", "-o", "/dev/null", $"http://{registry}/v2/{repository}/blobs/uploads/"], cancellationToken);
        var location = started.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("Location:", StringComparison.OrdinalIgnoreCase))?["Location:".Length..].Trim()
            ?? throw new InvalidOperationException($"The registry started no upload session: {started}");
        var upload = location.StartsWith("http", StringComparison.Ordinal) ? location : $"http://{registry}{location}";
        var put = upload + (upload.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "digest=" + Uri.EscapeDataString(digest);
        var stopwatch = Stopwatch.StartNew();
        await RunAsync(["-sS", "-f", "-X", "PUT", "-H", "Content-Type: application/octet-stream", "-H", "Expect:", "-T", path, "-o", "/dev/null", put], cancellationToken);
        return new FileInfo(path).Length / (1024.0 * 1024) / stopwatch.Elapsed.TotalSeconds;
    }

    private static async Task<string> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("curl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("curl did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            var message = await error;
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"curl exited {process.ExitCode}: {message}"));
        }

        return await output;
    }
}
