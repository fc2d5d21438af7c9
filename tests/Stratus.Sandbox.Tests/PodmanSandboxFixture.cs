using Stratus.Containers.Tools;
using Stratus.Sandbox.Podman;

namespace Stratus.Sandbox.Tests;

/// <summary>
/// The podman driver on the test run's shared podman store (<c>STRATUS_TEST_CONTAINERS_DIR</c>) or a folder of its own,
/// and a work root for step directories; every sandbox a test starts is removed at the end.
/// </summary>
public sealed class PodmanSandboxFixture : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("stratus-sandbox-tests-").FullName;
    private readonly List<string> _names = [];

    public PodmanSandboxFixture()
    {
        var containers = Environment.GetEnvironmentVariable("STRATUS_TEST_CONTAINERS_DIR") is { Length: > 0 } shared ? shared : Path.Combine(_folder, "containers");
        Tools = ContainerToolsEnvironment.Create(new ContainerToolsOptions { Directory = containers });
        Options = new SandboxOptions { Cpus = 0.5, MemoryMiB = 256, PidsLimit = 128, StopGracePeriod = TimeSpan.FromSeconds(10) };
        Sandbox = new PodmanStepSandbox(Tools, Options, new StepImageBuilder(Tools, Options), TimeProvider.System);
        WorkRoot = Directory.CreateDirectory(Path.Combine(_folder, "work")).FullName;
    }

    public ContainerToolsEnvironment Tools { get; }

    public SandboxOptions Options { get; }

    internal PodmanStepSandbox Sandbox { get; }

    public string WorkRoot { get; }

    /// <summary>A fresh working directory (0700) and a unique step name, removed at the end.</summary>
    public (string Name, string Directory) NewStep()
    {
        var name = SandboxNames.ForStep("tests", "sandbox", Random.Shared.Next(1, int.MaxValue), 100, 0);
        var directory = System.IO.Directory.CreateDirectory(Path.Combine(WorkRoot, name), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute).FullName;
        lock (_names)
        {
            _names.Add(name);
        }

        return (name, directory);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var name in _names)
        {
            await Sandbox.RemoveAsync(name, CancellationToken.None);
        }

        Directory.Delete(_folder, recursive: true);
    }
}
