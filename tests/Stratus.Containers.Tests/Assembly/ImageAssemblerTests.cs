using System.Text;
using System.Text.Json;
using Stratus.Containers.Assembly;
using Stratus.Containers.Oci;
using Stratus.Containers.Registry;
using Stratus.Containers.Tests.Registry;
using Stratus.Testing;
using Stratus.Processes;

namespace Stratus.Containers.Tests.Assembly;

/// <summary>Assembly on the real busybox platform image in the real registry.</summary>
public sealed class ImageAssemblerTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("stratus-assembly-").FullName;
    private readonly RequestCounter _counter = new();
    private readonly HttpClient _http;
    private readonly RegistryClient _client;
    private readonly ImageAssembler _assembler;
    private readonly List<string> _log = [];

    public ImageAssemblerTests()
    {
        _http = new HttpClient(_counter);
        _client = new RegistryClient(_http);
        _assembler = new ImageAssembler(_client);
    }

    public void Dispose()
    {
        _http.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static ImageConfigChanges WebChanges => new()
    {
        Env = new Dictionary<string, string> { ["PORT"] = "9999", ["APP_NAME"] = "web" },
        WorkingDir = "/home/application/current",
        ExposedPorts = ["9999"],
        Cmd = ["/bin/httpd", "-f", "-p", "9999", "-h", "/home/application/current"],
        Labels = new Dictionary<string, string> { ["io.stratus.app"] = "web" },
    };

    [BusyboxFact]
    public async Task AssembleAsync_BusyboxBase_ConfigHasChangesAndLayersAreBasePlusAdded()
    {
        var baseImage = await BaseImageAsync();
        var target = await TargetAsync("apps/web", "v1");
        var layer = TestLayer.Create(_directory, ("home/application/current/index.html", "<h1>hello</h1>"));
        var baseManifest = await BaseManifestAsync(baseImage);
        var baseConfig = await _assembler.ReadConfigAsync(baseImage, TestTimeout.Token());

        var image = await _assembler.AssembleAsync(baseImage, [layer], WebChanges, target, ["latest"], _log.Add, TestTimeout.Token(120));

        Assert.Equal(target, image.Image);
        Assert.Equal("9999", image.Config.Config.GetEnv("PORT"));
        Assert.Equal("/bin", image.Config.Config.GetEnv("PATH"));
        Assert.Equal("web", image.Config.Config.GetEnv("APP_NAME"));
        Assert.Equal("/home/application/current", image.Config.Config.WorkingDir);
        Assert.Contains("9999/tcp", image.Config.Config.ExposedPorts);
        Assert.Contains("8888/tcp", image.Config.Config.ExposedPorts);
        Assert.Equal("web", image.Config.Config.Labels["io.stratus.app"]);
        Assert.Equal("stratus-static", image.Config.Config.Labels["org.opencontainers.image.title"]);
        Assert.Equal(WebChanges.Cmd, image.Config.Config.Cmd);
        Assert.Equal([.. baseConfig.DiffIds, layer.DiffId], image.Config.DiffIds);

        var pushed = await _client.GetManifestAsync(target, TestTimeout.Token());
        Assert.Equal(image.ManifestDigest, pushed.Digest);
        Assert.Equal(OciMediaTypes.ImageManifest, pushed.MediaType);
        var manifest = pushed.ParseManifest();
        Assert.Equal([.. baseManifest.Layers.Select(l => l.Digest), layer.Digest], manifest.Layers.Select(l => l.Digest));
        Assert.All(manifest.Layers, l => Assert.Equal(OciMediaTypes.LayerTarGzip, l.MediaType));
        Assert.Equal(image.ManifestDigest, (await _client.GetManifestAsync(target.WithTag("latest"), TestTimeout.Token())).Digest);
        AssertSameConfig(image.Config, await _assembler.ReadConfigAsync(image.Pinned, TestTimeout.Token()));

        // Same registry, other repository: base layers are mounted, never uploaded.
        Assert.Equal(baseManifest.Layers.Count, image.Stats.BlobsMounted);
        Assert.Equal(2, image.Stats.BlobsUploaded);
        Assert.Equal(layer.Size + manifest.Config.Size, image.Stats.BytesUploaded);
        Assert.Contains(_log, l => l.Contains("mounted", StringComparison.Ordinal));
    }

    [BusyboxFact]
    public async Task AssembleAsync_UnchangedLayerReassembled_UploadsZeroBytes()
    {
        var baseImage = await BaseImageAsync();
        var target = await TargetAsync("apps/redeploy", "v1");
        var layer = TestLayer.Create(_directory, ("home/application/current/index.html", "same"));
        var first = await _assembler.AssembleAsync(baseImage, [layer], WebChanges, target, [], _log.Add, TestTimeout.Token(120));
        _counter.Clear();

        var second = await _assembler.AssembleAsync(baseImage, [layer], WebChanges, target.WithTag("v2"), ["latest"], _log.Add, TestTimeout.Token(120));

        Assert.Equal(0, second.Stats.BytesUploaded);
        Assert.Equal(0, second.Stats.BlobsUploaded);
        Assert.Equal(0, second.Stats.BlobsMounted);
        Assert.Equal(first.Stats.BlobsUploaded + first.Stats.BlobsMounted + first.Stats.BlobsSkipped, second.Stats.BlobsSkipped);
        Assert.DoesNotContain(_counter.Requests, r => r.Path.Contains("/blobs/uploads", StringComparison.Ordinal));
        Assert.Equal(first.ManifestDigest, second.ManifestDigest);

        // A new env var changes only the config: the layer still costs nothing.
        var third = await _assembler.AssembleAsync(baseImage, [layer], WebChanges with { User = "1000" }, target.WithTag("v3"), [], _log.Add, TestTimeout.Token(120));
        var thirdManifest = (await _client.GetManifestAsync(target.WithTag("v3"), TestTimeout.Token())).ParseManifest();
        Assert.Equal(1, third.Stats.BlobsUploaded);
        Assert.Equal(thirdManifest.Config.Size, third.Stats.BytesUploaded);
        Assert.NotEqual(first.ManifestDigest, third.ManifestDigest);
    }

    [BusyboxFact(needsSkopeo: true)]
    public async Task AssembleAsync_Pushed_SkopeoInspectSucceeds()
    {
        var baseImage = await BaseImageAsync();
        var target = await TargetAsync("apps/skopeo", "v1");
        var layer = TestLayer.Create(_directory, ("home/application/current/index.html", "skopeo"));
        var image = await _assembler.AssembleAsync(baseImage, [layer], WebChanges, target, [], _log.Add, TestTimeout.Token(120));

        var output = new MemoryStream();
        var errors = new List<string>();
        var exit = await ProcessRunner.RunAsync(
            new ProcessSpec("skopeo", ["inspect", "--tls-verify=false", $"docker://{target}"], _directory) { InheritEnvironment = true },
            output, errors.Add, TestTimeout.Token(120));

        Assert.True(exit == 0, $"skopeo inspect failed ({exit}): {string.Join('\n', errors)}");
        using var inspected = JsonDocument.Parse(output.ToArray());
        var root = inspected.RootElement;
        Assert.Equal(image.ManifestDigest, root.GetProperty("Digest").GetString());
        Assert.Equal(image.Config.DiffIds.Count, root.GetProperty("Layers").GetArrayLength());
        Assert.Contains("PORT=9999", root.GetProperty("Env").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("web", root.GetProperty("Labels").GetProperty("io.stratus.app").GetString());
    }

    [BusyboxFact]
    public async Task AssembleAsync_TargetInOtherRegistry_CopiesBaseLayers()
    {
        var baseImage = await BaseImageAsync();
        using var other = await RegistryServer.StartAsync();
        var target = ImageReference.Parse($"{other.Address}/apps/copied:v1");
        var layer = TestLayer.Create(_directory, ("home/application/current/index.html", "copy"));
        var baseManifest = await BaseManifestAsync(baseImage);

        var image = await _assembler.AssembleAsync(baseImage, [layer], ImageConfigChanges.None, target, [], _log.Add, TestTimeout.Token(120));

        Assert.Equal(0, image.Stats.BlobsMounted);
        Assert.Equal(baseManifest.Layers.Count + 2, image.Stats.BlobsUploaded);
        Assert.True(image.Stats.BytesUploaded >= baseManifest.Layers.Sum(l => l.Size) + layer.Size);
        foreach (var l in baseManifest.Layers)
        {
            Assert.True(await _client.BlobExistsAsync(target, l.Digest, TestTimeout.Token()));
        }

        AssertSameConfig(image.Config, await _assembler.ReadConfigAsync(target, TestTimeout.Token()));
    }

    [RegistryFact]
    public async Task ReadConfigAsync_Index_PicksLinuxAmd64ElseFirst()
    {
        var repo = await TargetAsync("indexes/multi", "latest");
        var arm = await PutSmallImageAsync(repo, "arm64", OciMediaTypes.ImageManifest);
        var amd = await PutSmallImageAsync(repo, "amd64", OciMediaTypes.ImageManifest);
        var s390 = await PutSmallImageAsync(repo, "s390x", OciMediaTypes.ImageManifest);
        await PutIndexAsync(repo.WithTag("both"), (arm, "arm64"), (amd, "amd64"));
        await PutIndexAsync(repo.WithTag("noamd"), (s390, "s390x"), (arm, "arm64"));

        Assert.Equal("amd64", (await _assembler.ReadConfigAsync(repo.WithTag("both"), TestTimeout.Token())).Architecture);
        Assert.Equal("s390x", (await _assembler.ReadConfigAsync(repo.WithTag("noamd"), TestTimeout.Token())).Architecture);
        Assert.True((await _client.GetManifestAsync(repo.WithTag("both"), TestTimeout.Token())).IsIndex);
    }

    [RegistryFact]
    public async Task AssembleAsync_IndexBase_UsesAmd64ManifestLayers()
    {
        var repo = await TargetAsync("indexes/base", "latest");
        var arm = await PutSmallImageAsync(repo, "arm64", OciMediaTypes.ImageManifest);
        var amd = await PutSmallImageAsync(repo, "amd64", OciMediaTypes.ImageManifest);
        await PutIndexAsync(repo.WithTag("multi"), (arm, "arm64"), (amd, "amd64"));
        var amdManifest = (await _client.GetManifestAsync(repo.WithDigest(amd.Digest), TestTimeout.Token())).ParseManifest();
        var target = await TargetAsync("apps/fromindex", "v1");
        var layer = TestLayer.Create(_directory, ("a.txt", "a"));

        var image = await _assembler.AssembleAsync(repo.WithTag("multi"), [layer], ImageConfigChanges.None, target, [], _log.Add, TestTimeout.Token());

        var manifest = (await _client.GetManifestAsync(target, TestTimeout.Token())).ParseManifest();
        Assert.Equal([amdManifest.Layers[0].Digest, layer.Digest], manifest.Layers.Select(l => l.Digest));
        Assert.Equal("amd64", image.Config.Architecture);
    }

    [RegistryFact]
    public async Task AssembleAsync_DockerBase_KeepsDockerMediaTypes()
    {
        var repo = await TargetAsync("docker/base", "v1");
        var baseDescriptor = await PutSmallImageAsync(repo, "amd64", OciMediaTypes.DockerManifest);
        var target = await TargetAsync("apps/docker", "v1");
        var layer = TestLayer.Create(_directory, ("a.txt", "docker"));

        var image = await _assembler.AssembleAsync(repo.WithDigest(baseDescriptor.Digest), [layer], ImageConfigChanges.None, target, [], _log.Add, TestTimeout.Token());

        var pushed = await _client.GetManifestAsync(target, TestTimeout.Token());
        Assert.Equal(OciMediaTypes.DockerManifest, pushed.MediaType);
        var manifest = pushed.ParseManifest();
        Assert.Equal(OciMediaTypes.DockerConfig, manifest.Config.MediaType);
        Assert.All(manifest.Layers, l => Assert.Equal(OciMediaTypes.DockerLayerTarGzip, l.MediaType));
        Assert.Equal(image.ManifestDigest, pushed.Digest);
    }

    [RegistryFact]
    public async Task AssembleAsync_MissingBase_RegistryException()
    {
        var missing = await TargetAsync("nothing/here", "v1");

        var error = await Assert.ThrowsAsync<RegistryException>(() =>
            _assembler.AssembleAsync(missing, [], ImageConfigChanges.None, missing.WithTag("v2"), [], _log.Add, TestTimeout.Token()));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, error.StatusCode);
    }

    private static void AssertSameConfig(ImageConfig expected, ImageConfig actual) =>
        Assert.Equal(JsonSerializer.Serialize(expected), JsonSerializer.Serialize(actual));

    private static async Task<ImageReference> BaseImageAsync() =>
        ImageReference.Parse(await BusyboxPlatformImage.Shared ?? throw new InvalidOperationException(BusyboxPlatformImage.Unavailable));

    private static async Task<ImageReference> TargetAsync(string prefix, string tag)
    {
        var registry = await RegistryServer.Shared ?? throw new InvalidOperationException(RegistryServer.Unavailable);
        return ImageReference.Parse($"{registry.Address}/{TestBlobs.UniqueRepository(prefix)}:{tag}");
    }

    private async Task<OciManifest> BaseManifestAsync(ImageReference baseImage) =>
        (await _client.GetManifestAsync(baseImage, TestTimeout.Token())).ParseManifest();

    /// <summary>Pushes a one-layer image for <paramref name="architecture"/> by digest and returns its descriptor.</summary>
    private async Task<OciDescriptor> PutSmallImageAsync(ImageReference repo, string architecture, string mediaType)
    {
        var docker = mediaType == OciMediaTypes.DockerManifest;
        var layer = TestLayer.Create(_directory, ("arch.txt", architecture));
        await using (var file = File.OpenRead(layer.Path))
        {
            await _client.PushBlobAsync(repo, layer.Digest, file, layer.Size, TestTimeout.Token());
        }

        var config = Encoding.UTF8.GetBytes($$$"""{"architecture":"{{{architecture}}}","os":"linux","config":{"Env":["PATH=/bin"]},"rootfs":{"type":"layers","diff_ids":["{{{layer.DiffId}}}"]}}""");
        var configDigest = OciDigest.Sha256(config);
        await _client.PushBlobAsync(repo, configDigest, new MemoryStream(config), config.Length, TestTimeout.Token());
        var manifest = new OciManifest
        {
            MediaType = mediaType,
            Config = new OciDescriptor { MediaType = docker ? OciMediaTypes.DockerConfig : OciMediaTypes.ImageConfig, Digest = configDigest, Size = config.Length },
            Layers = [new OciDescriptor { MediaType = docker ? OciMediaTypes.DockerLayerTarGzip : OciMediaTypes.LayerTarGzip, Digest = layer.Digest, Size = layer.Size }],
        }.ToJsonBytes();
        var digest = await _client.PutManifestAsync(repo.WithDigest(OciDigest.Sha256(manifest)), mediaType, manifest, TestTimeout.Token());
        return new OciDescriptor
        {
            MediaType = mediaType,
            Digest = digest,
            Size = manifest.Length,
            Platform = new OciPlatform { Os = "linux", Architecture = architecture },
        };
    }

    private async Task PutIndexAsync(ImageReference tag, params (OciDescriptor Descriptor, string Architecture)[] entries)
    {
        var index = new OciIndex { MediaType = OciMediaTypes.ImageIndex, Manifests = [.. entries.Select(e => e.Descriptor)] }.ToJsonBytes();
        await _client.PutManifestAsync(tag, OciMediaTypes.ImageIndex, index, TestTimeout.Token());
    }
}
