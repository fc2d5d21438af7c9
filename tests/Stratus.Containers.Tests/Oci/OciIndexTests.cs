using Stratus.Containers.Oci;

namespace Stratus.Containers.Tests.Oci;

public sealed class OciIndexTests
{
    private static OciDescriptor Entry(string digit, string? os, string? architecture) => new()
    {
        MediaType = OciMediaTypes.ImageManifest,
        Digest = "sha256:" + new string(digit[0], 64),
        Size = 1,
        Platform = os is null ? null : new OciPlatform { Os = os, Architecture = architecture! },
    };

    [Fact]
    public void Select_LinuxAmd64Listed_PicksIt()
    {
        var index = new OciIndex { Manifests = [Entry("1", "linux", "arm64"), Entry("2", "windows", "amd64"), Entry("3", "linux", "amd64")] };

        Assert.Equal(Entry("3", "linux", "amd64"), index.Select());
    }

    [Fact]
    public void Select_NoMatch_First()
    {
        var index = new OciIndex { Manifests = [Entry("1", null, null), Entry("2", "linux", "arm64")] };

        Assert.Equal(Entry("1", null, null).Digest, index.Select()!.Digest);
        Assert.Null(new OciIndex { Manifests = [] }.Select());
    }

    [Fact]
    public void Parse_SerializedIndex_RoundTrips()
    {
        var index = new OciIndex { MediaType = OciMediaTypes.ImageIndex, Manifests = [Entry("1", "linux", "amd64")] };

        var parsed = OciIndex.Parse(index.ToJsonBytes());

        Assert.Equal(index.Manifests[0], parsed.Manifests[0]);
        Assert.Contains("\"os\":\"linux\"", System.Text.Encoding.UTF8.GetString(index.ToJsonBytes()), StringComparison.Ordinal);
        Assert.Contains("application/vnd.oci.image.index.v1+json", System.Text.Encoding.UTF8.GetString(index.ToJsonBytes()), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NotJson_InvalidDataException() =>
        Assert.Throws<InvalidDataException>(() => OciIndex.Parse("nope"u8));
}
