using System.Diagnostics;
using System.Net.Sockets;
using Stratus.Testing;

namespace Stratus.Storage.Tests.Azurite;

/// <summary>
/// Azurite started by a test fixture must not outlive the test process, even when that process is killed and no
/// dispose or exit handler runs. The watched process here is a stand-in that the test kills with SIGKILL.
/// </summary>
public sealed class AzuriteWatchdogTests
{
    [Fact]
    public async Task StartAsync_WatchedProcessKilled_AzuriteStops()
    {
        var ct = TestTimeout.Token(90);
        using var watched = Process.Start(new ProcessStartInfo("sleep", "300") { UseShellExecute = false })!;
        var workingDirectory = Directory.CreateTempSubdirectory("stratus-azurite-watchdog-").FullName;
        AzuriteProcess? azurite = null;
        try
        {
            azurite = await AzuriteProcess.StartAsync(workingDirectory, [], started => azurite = started, watched.Id);
            Assert.True(await IsListeningAsync(azurite.Ports.Blob, ct));

            watched.Kill();
            await watched.WaitForExitAsync(ct);

            while (!azurite.Process.HasExited || await IsListeningAsync(azurite.Ports.Blob, ct))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
            }
        }
        finally
        {
            if (azurite is not null)
            {
                ChildProcess.Stop(azurite.Process);
            }

            Directory.Delete(workingDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task StartAsync_WatchdogKilled_AzuriteStops()
    {
        var ct = TestTimeout.Token(90);
        var workingDirectory = Directory.CreateTempSubdirectory("stratus-azurite-watchdog-").FullName;
        AzuriteProcess? azurite = null;
        try
        {
            azurite = await AzuriteProcess.StartAsync(workingDirectory, [], started => azurite = started);
            Assert.True(await IsListeningAsync(azurite.Ports.Blob, ct));

            // SIGKILL to the watchdog shell alone: Azurite must follow it (its parent-death signal).
            azurite.Process.Kill(entireProcessTree: false);
            while (await IsListeningAsync(azurite.Ports.Blob, ct))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
            }
        }
        finally
        {
            if (azurite is not null)
            {
                ChildProcess.Stop(azurite.Process);
            }

            Directory.Delete(workingDirectory, recursive: true);
        }
    }

    private static async Task<bool> IsListeningAsync(int port, CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(System.Net.IPAddress.Loopback, port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
