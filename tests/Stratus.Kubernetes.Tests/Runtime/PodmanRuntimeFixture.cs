using Stratus.Containers.Tools;
using Stratus.Kubernetes.Runtime;
using Stratus.Testing;
using Stratus.Processes;

namespace Stratus.Kubernetes.Tests.Runtime;

/// <summary>
/// podman configured in a temporary folder of its own (own storage, so the tests never see other pods), the shared
/// registry as insecure and the busybox platform image. Every app a test names is removed afterwards, by its label.
/// </summary>
public sealed class PodmanRuntimeFixture : IAsyncLifetime
{
    private readonly List<string> _apps = [];
    private readonly HttpClient _probeHttp = new(PodmanProbeHttpClient.CreatePrimaryHandler()) { Timeout = Timeout.InfiniteTimeSpan };
    private string? _folder;

    public ContainerToolsEnvironment Tools { get; private set; } = null!;

    /// <summary>The busybox image with httpd and /bin/sh.</summary>
    public string Image { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (PodmanFactAttribute.Unavailable is not null)
        {
            return;
        }

        Image = await BusyboxPlatformImage.Shared ?? throw new InvalidOperationException("The busybox image could not be built.");
        var registry = Image[..Image.IndexOf('/', StringComparison.Ordinal)];
        _folder = Directory.CreateTempSubdirectory("stratus-podman-tests-").FullName;
        Tools = ContainerToolsEnvironment.Create(new ContainerToolsOptions { Directory = _folder, InsecureRegistries = { registry } });
    }

    /// <summary>A runtime on this fixture's podman; short stop grace and poll so tests do not idle.</summary>
    public PodmanRuntime CreateRuntime(Action<PodmanRuntimeOptions>? configure = null)
    {
        var options = new PodmanRuntimeOptions
        {
            StopTimeout = TimeSpan.FromSeconds(1),
            PollInterval = TimeSpan.FromMilliseconds(200),
        };
        configure?.Invoke(options);
        return new PodmanRuntime(Tools, options, TimeProvider.System, _probeHttp);
    }

    /// <summary>A fresh app name, removed when the fixture goes.</summary>
    public string NewApp()
    {
        var app = "pt" + Guid.NewGuid().ToString("N")[..8];
        lock (_apps)
        {
            _apps.Add(app);
        }

        return app;
    }

    /// <summary>Runs podman with this fixture's configuration; returns its merged output.</summary>
    public async Task<string> PodmanAsync(params string[] arguments)
    {
        var output = new List<string>();
        await ProcessRunner.RunAsync(Tools.Spec("podman", arguments, _folder!), output.Add, TestTimeout.Token(120));
        return string.Join('\n', output);
    }

    public async Task DisposeAsync()
    {
        _probeHttp.Dispose();
        if (_folder is null)
        {
            return;
        }

        foreach (var app in _apps)
        {
            // Pods only of the apps the tests named; by label, never all of them.
            var pods = await PodmanAsync("pod", "ps", "-q", "--filter", $"label=app-name={app}");
            foreach (var pod in pods.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                await PodmanAsync("pod", "rm", "-f", "-t", "0", "--ignore", pod);
            }
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // vfs layers may hold read-only files; a leftover temp folder is harmless.
        }
    }
}
