using System.Diagnostics;

namespace Stratus.Testing;

/// <summary>
/// The <c>static</c> platform's base image (busybox-static with <c>httpd</c>), built once per test process by
/// <c>scripts/busybox-platform.sh</c> (the script the README's walkthrough uses) and pushed to the shared registry.
/// </summary>
public static class BusyboxPlatformImage
{
    private static readonly Lazy<Task<string?>> SharedImage = new(BuildAsync);

    /// <summary>Why the image cannot be built here, or null when it can.</summary>
    public static string? Unavailable =>
        RegistryServer.Unavailable ??
        (File.Exists("/bin/busybox") ? null : "busybox-static is not installed (apt-get install busybox-static).") ??
        (Executables.OnPath("buildah") ? null : "buildah is not installed (apt-get install buildah).");

    /// <summary>The pushed reference, e.g. <c>127.0.0.1:5000/platforms/static:latest</c>; null when unavailable.</summary>
    public static Task<string?> Shared => SharedImage.Value;

    private static async Task<string?> BuildAsync()
    {
        if (Unavailable is not null || await RegistryServer.Shared is not { } registry)
        {
            return null;
        }

        var root = Directory.CreateTempSubdirectory("stratus-buildah-").FullName;
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryPaths.Root, "scripts", "busybox-platform.sh"), registry.Address, "platforms/static:test"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["STRATUS_BUILDAH_ROOT"] = root;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // vfs layers may hold read-only files; a leftover temp folder is harmless.
        }

        return process.ExitCode == 0
            ? (await output).Trim()
            : throw new InvalidOperationException($"scripts/busybox-platform.sh failed ({process.ExitCode}): {await error}");
    }
}
