using System.Text;
using Stratus.Api.Infra.Vcs;

namespace Stratus.Api.Tests.Infra.Vcs;

public sealed class WebhookSignaturesTests
{
    // GitHub's documented test vector ("Validating webhook deliveries"): secret "It's a Secret to Everybody", payload "Hello, World!".
    private const string DocumentedSignature = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    [Fact]
    public void IsValidGitHub_DocumentedTestVector_Verifies()
    {
        Assert.True(WebhookSignatures.IsValidGitHub("It's a Secret to Everybody", "Hello, World!"u8, DocumentedSignature));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sha1=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")]
    [InlineData("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e18")]
    [InlineData("sha256=zz7107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")]
    [InlineData("sha256=757107ea")]
    public void IsValidGitHub_MissingOrWrongSignature_IsRefused(string? header)
    {
        Assert.False(WebhookSignatures.IsValidGitHub("It's a Secret to Everybody", "Hello, World!"u8, header));
    }

    [Fact]
    public void IsValidGitHub_BodyChangedAfterSigning_IsRefused()
    {
        Assert.False(WebhookSignatures.IsValidGitHub("It's a Secret to Everybody", "Hello, World?"u8, DocumentedSignature));
    }

    [Fact]
    public void GitHubHeader_DocumentedTestVector_MatchesGitHubs()
    {
        Assert.Equal(DocumentedSignature, WebhookSignatures.GitHubHeader("It's a Secret to Everybody", Encoding.UTF8.GetBytes("Hello, World!")));
    }

    [Theory]
    [InlineData("s3cret-token-0123", true)]
    [InlineData("s3cret-token-012", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsValidGitLab_ComparesTheTokenExactly(string? header, bool valid)
    {
        Assert.Equal(valid, WebhookSignatures.IsValidGitLab("s3cret-token-0123", header));
    }
}
