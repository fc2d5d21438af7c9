using Stratus.Archives;
using Stratus.Containers.Assembly;
using Stratus.Containers.Oci;
using Stratus.Containers.Registry;
using Stratus.Containers.Source;
using Stratus.Containers.Tests.Builders;
using Stratus.Containers.Tests.Registry;
using Stratus.Containers.Tests.Source;
using Stratus.Processes;
using Stratus.Testing;

namespace Stratus.Containers.Tests.Assembly;

/// <summary>
/// An app layer compressed with zstd, or not at all, assembled onto the busybox platform image in the real registry
/// is pulled and run by podman: the runtime accepts the media types the setting produces.
/// </summary>
public sealed class LayerCompressionPodmanTests(BuildahFixture fixture) : IClassFixture<BuildahFixture>, IDisposable
{
    private readonly TempFolder _folder = new("stratus-layer-compression-");
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        _http.Dispose();
        _folder.Dispose();
    }

    [PodmanTheory]
    [InlineData(LayerCompression.Zstd)]
    [InlineData(LayerCompression.None)]
    public async Task PodmanRun_AppLayerWithCompression_PullsAndRunsIt(LayerCompression compression)
    {
        var text = $"hello from a {compression} layer";
        var upload = TarGz.Build(TarGz.File("hello.txt", text));
        var built = await AppSourceLayer.CreateAsync(new MemoryStream(upload), _folder.Combine("build"), ArchiveLimits.Default, compression, TestTimeout.Token());
        var client = new RegistryClient(_http);
        var target = ImageReference.Parse($"{fixture.Registry}/{TestBlobs.UniqueRepository("compression")}:v1");

        await new ImageAssembler(client).AssembleAsync(
            ImageReference.Parse(fixture.BaseImage), [built.Layer], ImageConfigChanges.None with { WorkingDir = AppSourceLayer.ApplicationDirectory }, target, [], _ => { }, TestTimeout.Token(120));

        var manifest = (await client.GetManifestAsync(target, TestTimeout.Token())).ParseManifest();
        Assert.Equal(OciMediaTypes.LayerOf(compression), manifest.Layers[^1].MediaType);
        var (exit, output) = await PodmanAsync("run", "--quiet", "--rm", "--network", "host", target.ToString(), "cat", "hello.txt");
        Assert.True(exit == 0, $"podman run failed ({exit}): {output}");
        Assert.Equal(text, output.Trim());
        await PodmanAsync("rmi", "--force", target.ToString());
    }

    private async Task<(int ExitCode, string Output)> PodmanAsync(params string[] arguments)
    {
        var lines = new List<string>();
        var exit = await ProcessRunner.RunAsync(
            fixture.Tools.Spec(fixture.Tools.Options.PodmanPath, ["--storage-driver", fixture.Tools.Options.StorageDriver, .. arguments], fixture.Directory),
            line => { lock (lines) { lines.Add(line); } },
            TestTimeout.Token(120));
        return (exit, string.Join('\n', lines));
    }
}
