using System.Diagnostics;
using Stratus.Testing;

namespace Stratus.AzureFunctions.Tests;

/// <summary>
/// The unzipped package <c>scripts/publish.sh</c> makes (<c>artifacts/azure-functions/</c>). The test command publishes
/// it before the tests run and names it in <c>STRATUS_AZURE_PACKAGE</c>; a test run without that publishes it once, so
/// the tests never read a package older than the code.
/// </summary>
public sealed class PublishedPackage
{
    private static readonly Lazy<string> Folder = new(Locate, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Path => Folder.Value;

    public static string File(string name) => System.IO.Path.Combine(Path, name);

    private static string Locate()
    {
        if (Environment.GetEnvironmentVariable("STRATUS_AZURE_PACKAGE") is { Length: > 0 } published)
        {
            return published;
        }

        var folder = System.IO.Path.Combine(RepositoryPaths.Root, "artifacts", "azure-functions");

        using var publish = Process.Start(new ProcessStartInfo("bash", [System.IO.Path.Combine(RepositoryPaths.Root, "scripts", "publish.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var stdout = publish.StandardOutput.ReadToEndAsync();
        var stderr = publish.StandardError.ReadToEndAsync();
        if (!publish.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            publish.Kill(entireProcessTree: true);
            throw new TimeoutException("scripts/publish.sh did not finish within 10 minutes.");
        }

        if (publish.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/publish.sh failed ({publish.ExitCode}):\n{stdout.Result}\n{stderr.Result}");
        }

        return folder;
    }
}
