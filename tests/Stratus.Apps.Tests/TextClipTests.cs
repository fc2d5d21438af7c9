using Stratus.Apps.Names;

namespace Stratus.Apps.Tests;

public sealed class TextClipTests
{
    [Fact]
    public void Clip_LongSystemText_KeepsTheStartAndSaysItWasClipped()
    {
        var error = "build failed: " + new string('e', 20_000);

        var clipped = TextClip.Clip(error)!;

        Assert.Equal(TextClip.MaxChars, clipped.Length);
        Assert.StartsWith("build failed: eee", clipped, StringComparison.Ordinal);
        Assert.EndsWith($"[clipped: {error.Length} characters in all; the event log has the full text]", clipped, StringComparison.Ordinal);
    }

    [Fact]
    public void Clip_TextThatFits_IsUnchanged()
    {
        var text = new string('e', TextClip.MaxChars);

        Assert.Same(text, TextClip.Clip(text));
    }

    [Fact]
    public void Checked_UserTextOverTheLimit_IsRefusedNotClipped()
    {
        var description = new string('d', TextClip.MaxUserChars + 1);

        var ex = Assert.Throws<InvalidAppRequestException>(() => TextClip.Checked(description, "description"));

        Assert.Contains($"{TextClip.MaxUserChars + 1} characters", ex.Message, StringComparison.Ordinal);
        Assert.Equal(TextClip.MaxUserChars, TextClip.Checked(new string('d', TextClip.MaxUserChars), "description")!.Length);
    }
}
