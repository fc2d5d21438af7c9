namespace Stratus.Apps.Tests;

public sealed class TimeOrderedIdTests
{
    [Fact]
    public void New_LaterTime_SortsFirst()
    {
        var early = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var first = TimeOrderedId.New(early);
        var second = TimeOrderedId.New(early.AddTicks(1));

        Assert.True(string.CompareOrdinal(second, first) < 0);
        Assert.True(TimeOrderedId.IsValid(first));
        Assert.Equal(early, TimeOrderedId.TimeOf(first));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("0000000000000000000/0000000000ab")]
    [InlineData("000000000000000000000000000000ABCDEF")]
    public void IsValid_OtherText_IsFalse(string id) => Assert.False(TimeOrderedId.IsValid(id));
}
