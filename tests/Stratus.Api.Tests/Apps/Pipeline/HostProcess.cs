using System.Diagnostics;
using System.Net.Http.Headers;
using Stratus.Testing;

namespace Stratus.Api.Tests.Apps.Pipeline;

/// <summary>
/// The Stratus host as a separate process (the built Stratus.Standalone.dll next to the tests), so a test can kill it
/// the hard way and start another on the same data folder. The embedded durable backend hands out what the dead host
/// held as soon as the new one opens the store, and the app lock is short, so recovery
/// after a kill takes seconds.
/// </summary>
internal sealed class HostProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private HostProcess(Process process, int port, string token)
    {
        _process = process;
        Port = port;
        Token = token;
    }

    public int Port { get; }

    public string Token { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output.TakeLast(200));
            }
        }
    }

    /// <param name="extra">Settings on top of the defaults (environment variable names, <c>__</c> for <c>:</c>).</param>
    /// <param name="port">The port to listen on (a restarted host keeps its address: running job steps call it back); a free one when null.</param>
    public static async Task<HostProcess> StartAsync(string dataPath, string containers, string registry, string token, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? extra = null, int? port = null)
    {
        port ??= FreePort.Next();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } dotnetHost ? dotnetHost : "dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "Stratus.Standalone.dll") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        var settings = new Dictionary<string, string>
        {
            ["Stratus__Url"] = $"http://127.0.0.1:{port.Value}",
            ["Stratus__Storage__Provider"] = "Embedded",
            ["Stratus__Storage__DataPath"] = dataPath,
            ["Stratus__Identity__BootstrapAdminToken"] = token,
            ["Stratus__Apps__ContainerTools__Directory"] = containers,
            ["Stratus__Apps__ContainerTools__InsecureRegistries__0"] = registry,
            ["Stratus__Apps__Pipeline__WorkDirectory"] = Path.Combine(dataPath, "builds"),
            ["Stratus__Apps__Pipeline__LockLease"] = "00:00:10",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        var host = new HostProcess(process, port.Value, token);
        process.OutputDataReceived += (_, e) => host.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => host.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await FreePort.WaitUntilListeningAsync(port.Value, TimeSpan.FromSeconds(60), () => !process.HasExited);
        }
        catch
        {
            host.Dispose();
            throw new InvalidOperationException($"The host did not start:\n{host.Output}");
        }

        return host;
    }

    public HttpClient Client()
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(100) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return client;
    }

    /// <summary>SIGKILL to the host and everything it started (buildah, podman): no graceful shutdown, no cleanup.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public void Dispose()
    {
        ChildProcess.Stop(_process);
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
            if (_output.Count > 2000)
            {
                _output.RemoveRange(0, 1000);
            }
        }
    }
}
