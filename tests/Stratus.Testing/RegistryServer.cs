using System.Diagnostics;

namespace Stratus.Testing;

/// <summary>
/// A real OCI registry (Debian's <c>docker-registry</c>, the CNCF distribution) on 127.0.0.1 with filesystem storage.
/// The README's test command starts one and names it in <c>STRATUS_TEST_REGISTRY</c> (<c>127.0.0.1:port</c>);
/// without that, one is started per test process on a free port and stopped by its PID when the process exits.
/// </summary>
public sealed class RegistryServer : IDisposable
{
    private static readonly Lazy<Task<RegistryServer?>> SharedServer = new(StartSharedAsync);
    private readonly Process? _process;
    private readonly string? _folder;

    private RegistryServer(string address, Process? process, string? folder)
    {
        Address = address;
        _process = process;
        _folder = folder;
    }

    /// <summary><c>127.0.0.1:port</c>, as it appears in image references.</summary>
    public string Address { get; }

    public Uri BaseUri => new($"http://{Address}/");

    public static string Binary => Environment.GetEnvironmentVariable("STRATUS_REGISTRY_BIN") is { Length: > 0 } bin ? bin : "docker-registry";

    /// <summary>Why registry tests cannot run here, or null when they can.</summary>
    public static string? Unavailable =>
        Environment.GetEnvironmentVariable("STRATUS_TEST_REGISTRY") is { Length: > 0 } || Executables.OnPath(Binary)
            ? null
            : "docker-registry is not installed (apt-get install docker-registry, or run the README's test command).";

    /// <summary>The registry every test of this process shares; null when none is available (see <see cref="Unavailable"/>).</summary>
    public static Task<RegistryServer?> Shared => SharedServer.Value;

    /// <summary>Starts a private registry (for tests that need one of their own, e.g. behind an auth proxy).</summary>
    public static async Task<RegistryServer> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("stratus-registry-").FullName;
        var port = FreePort.Next();
        var config = Path.Combine(folder, "config.yml");
        await File.WriteAllTextAsync(config, $"""
            version: 0.1
            log:
              level: warn
            storage:
              filesystem:
                rootdirectory: {Path.Combine(folder, "data")}
              delete:
                enabled: true
            http:
              addr: 127.0.0.1:{port}
            """);
        var process = Process.Start(new ProcessStartInfo(Binary, ["serve", config])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException($"Could not start {Binary}.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RegistryServer($"127.0.0.1:{port}", process, folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        try
        {
            await FreePort.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(20), () => !process.HasExited);
        }
        catch
        {
            server.Dispose();
            throw;
        }

        return server;
    }

    public void Dispose()
    {
        if (_process is not null)
        {
            ChildProcess.Stop(_process);
        }

        if (_folder is not null)
        {
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }

    private static async Task<RegistryServer?> StartSharedAsync()
    {
        if (Environment.GetEnvironmentVariable("STRATUS_TEST_REGISTRY") is { Length: > 0 } external)
        {
            return new RegistryServer(external, null, null);
        }

        return Unavailable is null ? await StartAsync() : null;
    }
}
