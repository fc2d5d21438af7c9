using Stratus.Containers.Tools;

namespace Stratus.Containers.Tests.Tools;

public sealed class ContainerToolsEnvironmentTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("stratus-tools-env-").FullName;

    [Fact]
    public void Create_TwoHostsShareAFolderAndTrustDifferentRegistries_EachKeepsItsOwnRegistriesFile()
    {
        var apps = ContainerToolsEnvironment.Create(new ContainerToolsOptions { Directory = _folder, InsecureRegistries = ["127.0.0.1:45103"] });
        var jobs = ContainerToolsEnvironment.Create(new ContainerToolsOptions { Directory = _folder });

        // The apps host's buildah still reads its trusted registry after the second host wrote its configuration.
        Assert.Contains("location = \"127.0.0.1:45103\"", File.ReadAllText(apps.Variables["CONTAINERS_REGISTRIES_CONF"]), StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1:45103", File.ReadAllText(jobs.Variables["CONTAINERS_REGISTRIES_CONF"]), StringComparison.Ordinal);
        Assert.Equal(apps.Variables["CONTAINERS_STORAGE_CONF"], jobs.Variables["CONTAINERS_STORAGE_CONF"]);
    }

    [Fact]
    public void Create_SameSettingsTwice_SameFilesAndNoTemporaryLeftovers()
    {
        var options = new ContainerToolsOptions { Directory = _folder, InsecureRegistries = ["registry.internal:5000"] };

        var first = ContainerToolsEnvironment.Create(options);
        var second = ContainerToolsEnvironment.Create(options);

        Assert.Equal(first.Variables, second.Variables);
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
        Assert.Equal(3, Directory.GetFiles(_folder, "*.conf").Length);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
