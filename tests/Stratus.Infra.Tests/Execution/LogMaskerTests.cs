using Stratus.Infra.Execution;
using Stratus.Processes;

namespace Stratus.Infra.Tests.Execution;

public sealed class LogMaskerTests
{
    [Fact]
    public void Mask_SecretInLine_ReplacedEverywhere()
    {
        var masker = new LogMasker(["hunter2"]);

        Assert.Equal("password=*** again ***", masker.Mask("password=hunter2 again hunter2"));
    }

    [Fact]
    public void Mask_OverlappingSecrets_MergeIntoOneMask()
    {
        var masker = new LogMasker(["abcdef", "defghi"]);

        Assert.Equal("xx***yy", masker.Mask("xxabcdefghiyy"));
    }

    [Fact]
    public void Mask_SecretInsideAnother_BothMasked()
    {
        var masker = new LogMasker(["word", "password123"]);

        Assert.Equal("my *** and ***", masker.Mask("my password123 and word"));
    }

    [Fact]
    public void Mask_AdjacentSecrets_OneMask()
    {
        var masker = new LogMasker(["abc", "def"]);

        Assert.Equal("[***]", masker.Mask("[abcdef]"));
    }

    [Fact]
    public void Mask_RepeatedOverlappingOccurrences_AllCovered()
    {
        var masker = new LogMasker(["aaa"]);

        Assert.Equal("x***x", masker.Mask("xaaaaax"));
    }

    [Fact]
    public void Mask_MultiLineSecret_MaskedLineByLine()
    {
        var masker = new LogMasker(["-----BEGIN KEY-----\r\nMIIEsecretbody\n-----END KEY-----"]);

        Assert.Equal("key: ***", masker.Mask("key: -----BEGIN KEY-----"));
        Assert.Equal("***", masker.Mask("MIIEsecretbody"));
        Assert.Equal("*** (end)", masker.Mask("-----END KEY----- (end)"));
    }

    [Fact]
    public void Mask_MultiLineHclSecret_IndentedLinesMaskedBracesLeftAlone()
    {
        var masker = new LogMasker(["{\n    user = \"admin\"\n  }"]);

        Assert.Equal("  + config = ***", masker.Mask("  + config = user = \"admin\""));
        Assert.Equal("  }", masker.Mask("  }"));
    }

    [Fact]
    public void Mask_SingleLineSecretWithSpaces_MatchedExactly()
    {
        var masker = new LogMasker([" pass phrase "]);

        Assert.Equal("x***y", masker.Mask("x pass phrase y"));
        Assert.Equal("pass phrase", masker.Mask("pass phrase"));
    }

    [Fact]
    public void Mask_SecretsShorterThanThree_Ignored()
    {
        var masker = new LogMasker(["ab", "", "on"]);

        Assert.Equal(0, masker.Count);
        Assert.Equal("ab on", masker.Mask("ab on"));
    }

    [Fact]
    public void Mask_NoOccurrence_ReturnsTheSameString()
    {
        var line = "nothing to hide";

        Assert.Same(line, new LogMasker(["secret"]).Mask(line));
        Assert.Same(line, LogMasker.None.Mask(line));
    }
}
