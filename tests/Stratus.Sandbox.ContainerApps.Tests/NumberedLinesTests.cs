namespace Stratus.Sandbox.ContainerApps.Tests;

public sealed class NumberedLinesTests
{
    [Fact]
    public void Add_RepeatedAndOutOfOrderRows_HandsOnEachLineOnceInOrder()
    {
        var lines = new List<string>();
        var numbered = new NumberedLines(0, lines.Add);

        numbered.Add(["2 b", "1 a"]);
        numbered.Add(["1 a", "2 b", "4 d"]);
        Assert.Equal(["a", "b"], lines);

        numbered.Add(["3 c", "4 d", "5 e"]);
        Assert.Equal(["a", "b", "c", "d", "e"], lines);
    }

    [Fact]
    public void Add_FromLine_SkipsTheLinesBeforeIt()
    {
        var lines = new List<string>();
        var numbered = new NumberedLines(2, lines.Add);

        numbered.Add(["1 a", "2 b", "3 c", "4 d"]);

        Assert.Equal(["c", "d"], lines);
    }

    [Fact]
    public void Flush_GapThatNeverFilled_HandsOnWhatArrivedInOrder()
    {
        var lines = new List<string>();
        var numbered = new NumberedLines(0, lines.Add);
        numbered.Add(["1 a", "4 d", "3 c"]);

        numbered.Flush();
        numbered.Add(["2 b", "5 e"]);

        Assert.Equal(["a", "c", "d", "e"], lines);
    }

    [Fact]
    public void Add_UnnumberedWrapperLine_IsNotAStepLine()
    {
        var lines = new List<string>();
        var numbered = new NumberedLines(0, lines.Add);

        numbered.Add(["1 keep  spaces ", "stratus-sandbox-exit 0", "2 "]);

        Assert.Equal(["keep  spaces ", ""], lines);
    }
}
