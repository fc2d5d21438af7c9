using Stratus.Api.Infra.Jobs;

namespace Stratus.Api.Tests.Infra.Jobs;

/// <summary>What <c>?ansi=false</c> removes from a step log, and what it must leave alone.</summary>
public sealed class AnsiEscapesTests
{
    [Theory]
    [InlineData("\u001b[0m\u001b[1m\u001b[32mApply complete!\u001b[0m\u001b[0m", "Apply complete!")]
    [InlineData("\u001b[1;31mError:\u001b[0m bad", "Error: bad")]
    [InlineData("\u001b[38;5;208mamber\u001b[m \u001b[48;2;10;20;30mtrue\u001b[39;49m", "amber true")]
    [InlineData("\u001b[2K\u001b[1G\u001b[?25lprogress\u001b[?25h", "progress")]
    [InlineData("\u001b]8;;https://example.com\u0007link\u001b]8;;\u0007", "link")]
    [InlineData("\u001b]0;window title\u001b\\text", "text")]
    [InlineData("\u001bP1$r0m\u001b\\after", "after")]
    [InlineData("\u001b(Bplain\u001b7saved\u001b8\u001b=", "plainsaved")]
    [InlineData("\u009b31mc1 csi\u009b0m", "c1 csi")]
    [InlineData("cut short\u001b[", "cut short")]
    [InlineData("cut short\u001b", "cut short")]
    public void Strip_ControlSequences_AreRemoved(string text, string expected) => Assert.Equal(expected, AnsiEscapes.Strip(text));

    [Theory]
    [InlineData("plain [0m text with [brackets]; and ]8;; no escape")]
    [InlineData("tabs\tand\r\nline ends\n")]
    [InlineData("unicode: é ✓ 日本 🚀")]
    [InlineData("")]
    public void Strip_TextWithoutEscapes_IsUnchanged(string text) => Assert.Equal(text, AnsiEscapes.Strip(text));

    [Fact]
    public void Strip_ColouredLines_KeepsEveryLineEnd()
    {
        var log = "\u001b[1mline one\u001b[0m\n\u001b[33m│\u001b[0m \u001b[33mWarning:\u001b[0m two\n\nfour\n";

        Assert.Equal("line one\n│ Warning: two\n\nfour\n", AnsiEscapes.Strip(log));
    }
}
