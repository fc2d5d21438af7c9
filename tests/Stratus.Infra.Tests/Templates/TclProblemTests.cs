using Stratus.Infra.Templates;

namespace Stratus.Infra.Tests.Templates;

public sealed class TclProblemTests
{
    [Fact]
    public void ToString_WithLocationAndField_ReadsLikeTheApiError() =>
        Assert.Equal(
            "line 7, column 5, flow[1].step: must be a positive whole number",
            new TclProblem(7, 5, "flow[1].step", "must be a positive whole number").ToString());

    [Fact]
    public void ToString_DocumentProblem_LeavesOutLocationAndField() =>
        Assert.Equal("too big", new TclProblem(0, 0, string.Empty, "too big").ToString());
}
