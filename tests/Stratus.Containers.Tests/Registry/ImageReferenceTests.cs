using Stratus.Containers.Registry;

namespace Stratus.Containers.Tests.Registry;

public sealed class ImageReferenceTests
{
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData("127.0.0.1:5000/apps/web:v3", "127.0.0.1:5000", "apps/web", "v3", null)]
    [InlineData("127.0.0.1:5000/apps/web", "127.0.0.1:5000", "apps/web", "latest", null)]
    [InlineData("localhost/a", "localhost", "a", "latest", null)]
    [InlineData("myregistry.azurecr.io/team/app/web:1.0-rc_1", "myregistry.azurecr.io", "team/app/web", "1.0-rc_1", null)]
    [InlineData("[::1]:5000/x/y:t", "[::1]:5000", "x/y", "t", null)]
    [InlineData("busybox", "docker.io", "library/busybox", "latest", null)]
    [InlineData("team/app:2", "docker.io", "team/app", "2", null)]
    [InlineData("127.0.0.1:5000/apps/web@" + Digest, "127.0.0.1:5000", "apps/web", null, Digest)]
    [InlineData("127.0.0.1:5000/apps/web:v1@" + Digest, "127.0.0.1:5000", "apps/web", "v1", Digest)]
    [InlineData("r.io/a__b/c-d/e.f--g:x", "r.io", "a__b/c-d/e.f--g", "x", null)]
    public void Parse_ValidReference_SplitsParts(string text, string registry, string repository, string? tag, string? digest)
    {
        var reference = ImageReference.Parse(text);

        Assert.Equal(registry, reference.Registry);
        Assert.Equal(repository, reference.Repository);
        Assert.Equal(tag, reference.Tag);
        Assert.Equal(digest, reference.Digest);
    }

    [Theory]
    [InlineData("127.0.0.1:5000/apps/web:v3")]
    [InlineData("127.0.0.1:5000/apps/web@" + Digest)]
    [InlineData("127.0.0.1:5000/apps/web:v1@" + Digest)]
    public void ToString_Parsed_RoundTrips(string text) => Assert.Equal(text, ImageReference.Parse(text).ToString());

    [Theory]
    [InlineData("", "empty")]
    [InlineData("127.0.0.1:5000/Apps/web", "'Apps'")]
    [InlineData("127.0.0.1:5000/apps/web:", "tag")]
    [InlineData("127.0.0.1:5000/apps/web:-bad", "'-bad'")]
    [InlineData("127.0.0.1:5000/apps//web", "component ''")]
    [InlineData("127.0.0.1:5000/", "repository name is missing")]
    [InlineData("127.0.0.1:5000/apps/web@sha256:abc", "digest")]
    [InlineData("127.0.0.1:99999/apps/web", "host")]
    [InlineData("reg_istry.io/apps/web", "host")]
    public void Parse_Invalid_FormatExceptionSaysWhy(string text, string why)
    {
        var error = Assert.Throws<FormatException>(() => ImageReference.Parse(text));

        Assert.Contains(why, error.Message, StringComparison.Ordinal);
        Assert.False(ImageReference.TryParse(text, out _));
    }

    [Fact]
    public void WithTag_PinnedReference_DropsDigestAndKeepsName()
    {
        var pinned = ImageReference.Parse("127.0.0.1:5000/apps/web@" + Digest);

        var tagged = pinned.WithTag("v9");

        Assert.Equal("127.0.0.1:5000/apps/web:v9", tagged.ToString());
        Assert.Equal("v9", tagged.Reference);
        Assert.Equal(Digest, pinned.Reference);
        Assert.Throws<FormatException>(() => pinned.WithTag("no/slash"));
    }

    [Fact]
    public void Equality_SameText_Equal() =>
        Assert.Equal(ImageReference.Parse("127.0.0.1:5000/a/b"), ImageReference.Parse("127.0.0.1:5000/a/b:latest"));
}
