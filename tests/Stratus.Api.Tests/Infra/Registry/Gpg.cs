using System.Diagnostics;

namespace Stratus.Api.Tests.Infra.Registry;

/// <summary>The real gpg in a throw-away home: imports a public key and verifies a detached signature with it.</summary>
internal static class Gpg
{
    public static async Task<(int ExitCode, string Output)> VerifyAsync(string publicKeyArmored, byte[] document, byte[] signature, CancellationToken cancellationToken)
    {
        var home = Directory.CreateTempSubdirectory("stratus-gpg-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(home, "key.asc"), publicKeyArmored, cancellationToken);
            await File.WriteAllBytesAsync(Path.Combine(home, "SHA256SUMS"), document, cancellationToken);
            await File.WriteAllBytesAsync(Path.Combine(home, "SHA256SUMS.sig"), signature, cancellationToken);
            var import = await RunAsync(home, ["--import", Path.Combine(home, "key.asc")], cancellationToken);
            if (import.ExitCode != 0)
            {
                return import;
            }

            return await RunAsync(home, ["--verify", Path.Combine(home, "SHA256SUMS.sig"), Path.Combine(home, "SHA256SUMS")], cancellationToken);
        }
        finally
        {
            // gpg-agent may linger on the home's socket; it exits when its socket goes.
            try
            {
                Directory.Delete(home, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string home, string[] args, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("gpg") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["--homedir", home, "--batch", "--no-tty", "--no-autostart", .. args])
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await stdout + await stderr);
    }
}
