using Stratus.Containers.Tests.Source;
using Stratus.Containers.Tools;
using Stratus.Testing;
using Stratus.Processes;

namespace Stratus.Containers.Tests.Builders;

/// <summary>
/// Private buildah storage and configuration for one test class, the shared registry and the busybox base image.
/// Disposal removes the class's working containers and images from that private storage, then the folder.
/// </summary>
public sealed class BuildahFixture : IAsyncLifetime
{
    private ContainerToolsEnvironment? _tools;

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("stratus-buildah-tests-").FullName;

    public ContainerToolsEnvironment Tools => _tools ?? throw new InvalidOperationException("buildah tests are skipped here.");

    public string Registry { get; private set; } = "";

    public string BaseImage { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (BusyboxPlatformImage.Unavailable is not null || await RegistryServer.Shared is not { } registry || await BusyboxPlatformImage.Shared is not { } image)
        {
            return;
        }

        Registry = registry.Address;
        BaseImage = image;
        _tools = ContainerToolsEnvironment.Create(new ContainerToolsOptions { Directory = Directory, InsecureRegistries = { registry.Address } });
    }

    public async Task DisposeAsync()
    {
        if (_tools is not null)
        {
            // Only this fixture's private storage is touched: --all is scoped by CONTAINERS_STORAGE_CONF.
            await BuildahAsync(["rm", "--all"]);
            await BuildahAsync(["rmi", "--all", "--force"]);
        }

        TempFolder.Remove(Directory);
    }

    public async Task<(int ExitCode, string Output)> BuildahAsync(IReadOnlyList<string> arguments)
    {
        var lines = new List<string>();
        var exit = await ProcessRunner.RunAsync(
            Tools.Spec(Tools.Options.BuildahPath, ["--storage-driver", Tools.Options.StorageDriver, .. arguments], Directory),
            line => { lock (lines) { lines.Add(line); } },
            TestTimeout.Token(120));
        return (exit, string.Join('\n', lines));
    }

    /// <summary>Runs skopeo (with this fixture's registries.conf) and returns its stdout.</summary>
    public async Task<string> SkopeoAsync(params string[] arguments)
    {
        using var output = new MemoryStream();
        var errors = new List<string>();
        var exit = await ProcessRunner.RunAsync(Tools.Spec("skopeo", arguments, Directory), output, errors.Add, TestTimeout.Token(120));
        Assert.True(exit == 0, $"skopeo {string.Join(' ', arguments)} failed ({exit}): {string.Join('\n', errors)}");
        return System.Text.Encoding.UTF8.GetString(output.ToArray());
    }
}
