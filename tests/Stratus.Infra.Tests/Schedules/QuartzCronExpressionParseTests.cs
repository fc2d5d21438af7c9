using Stratus.Infra.Schedules;

namespace Stratus.Infra.Tests.Schedules;

public sealed class QuartzCronExpressionParseTests
{
    private const string FormatReminder = "A Quartz cron has 6 or 7 fields";

    [Theory]
    [InlineData("0 0/5 * ? * * *")]
    [InlineData("0 0 12 * * ?")]
    [InlineData("0 15 10 ? * MON-FRI")]
    [InlineData("0 0 12 1/5 * ?")]
    [InlineData("0 15 10 L * ?")]
    [InlineData("0 15 10 L-3 * ?")]
    [InlineData("0 15 10 ? * 6L")]
    [InlineData("0 15 10 ? * FRIL")]
    [InlineData("0 15 10 ? * 6#3")]
    [InlineData("0 15 10 ? * fri#3")]
    [InlineData("0 0 12 LW * ?")]
    [InlineData("0 0 12 L-2W * ?")]
    [InlineData("0 0 12 l-2w * ?")]
    [InlineData("0 0 12 15w * ?")]
    [InlineData("0 15 10 ? * fril")]
    [InlineData("0 0 0 15W * ?")]
    [InlineData("* * * ? * *")]
    [InlineData("0 0 12 ? jan,Mar,DEC sun-sat 2025-2030")]
    [InlineData("0 10-30/10 22-2 ? * FRI-MON */5")]
    [InlineData("0 0 12 ? * L")]
    public void TryParse_ValidExpression_Succeeds(string text)
    {
        Assert.True(QuartzCronExpression.TryParse(text, out var expression, out var problem), problem);
        Assert.NotNull(expression);
        Assert.Null(problem);
    }

    [Fact]
    public void Text_ExtraWhitespace_IsTrimmedToSingleSpaces()
    {
        var expression = QuartzCronExpression.Parse("  0  0\t12 * * ?  ");

        Assert.Equal("0 0 12 * * ?", expression.Text);
        Assert.Equal(expression.Text, expression.ToString());
    }

    [Fact]
    public void Text_LowerCaseNames_AreKeptAsWritten() =>
        Assert.Equal("0 15 10 ? jan mon-fri", QuartzCronExpression.Parse("0 15 10 ? jan mon-fri").Text);

    [Theory]
    [InlineData("0 0 12 * *", "has 5 fields")]
    [InlineData("0 0 12 * * ? 2025 x", "has 8 fields")]
    [InlineData("0 0 12 ? * ?", "Fields 4 (day-of-month) and 6 (day-of-week) are both '?'")]
    [InlineData("0 0 12 * * *", "Fields 4 (day-of-month) '*' and 6 (day-of-week) '*' are both set")]
    [InlineData("0 0 12 1 * MON", "Fields 4 (day-of-month) '1' and 6 (day-of-week) 'MON' are both set")]
    [InlineData("0 ? 12 * * ?", "Field 2 (minutes) '?'")]
    [InlineData("? 0 12 * * ?", "Field 1 (seconds) '?'")]
    [InlineData("0 0 12 ? ? *", "Field 5 (month) '?'")]
    [InlineData("0 0 12 ?,1 * ?", "Field 4 (day-of-month) '?,1'")]
    [InlineData("60 0 12 * * ?", "Field 1 (seconds) '60' is out of range 0-59")]
    [InlineData("0 60 12 * * ?", "Field 2 (minutes) '60' is out of range 0-59")]
    [InlineData("0 0 24 * * ?", "Field 3 (hours) '24' is out of range 0-23")]
    [InlineData("0 0 12 32 * ?", "Field 4 (day-of-month) '32' is out of range 1-31")]
    [InlineData("0 0 12 0 * ?", "Field 4 (day-of-month) '0' is out of range 1-31")]
    [InlineData("0 0 12 1,32 * ?", "Field 4 (day-of-month) '32' is out of range 1-31")]
    [InlineData("0 0 12 ? 13 *", "Field 5 (month) '13' is out of range 1-12")]
    [InlineData("0 0 12 ? * 8", "Field 6 (day-of-week) '8' is out of range 1-7")]
    [InlineData("0 0 12 ? * 0", "Field 6 (day-of-week) '0' is out of range 1-7")]
    [InlineData("0 0 12 ? * * 1969", "Field 7 (year) '1969' is out of range 1970-2099")]
    [InlineData("0 0 12 ? * * 2100", "Field 7 (year) '2100' is out of range 1970-2099")]
    [InlineData("0 0 99999 ? * *", "Field 3 (hours) '99999' is out of range 0-23")]
    [InlineData("*/0 * * ? * *", "Field 1 (seconds) '*/0' has an invalid increment '0'")]
    [InlineData("0 0/61 * ? * *", "Field 2 (minutes) '0/61' has an invalid increment '61'")]
    [InlineData("0 0/ * ? * *", "Field 2 (minutes) '0/' has an invalid increment")]
    [InlineData("0 0/x * ? * *", "Field 2 (minutes) '0/x' has an invalid increment")]
    [InlineData("hello world this is not cron", "Field 1 (seconds) 'hello' is not a valid value; use 0-59")]
    [InlineData("0 0 12 ? JANUARY *", "Field 5 (month) 'JANUARY' is not a valid value; use 1-12 or JAN-DEC")]
    [InlineData("0 0 12 ? * FUNDAY", "Field 6 (day-of-week) 'FUNDAY' is not a valid value; use 1-7 (1 = SUN) or SUN-SAT")]
    [InlineData("0 0 12 JAN * ?", "Field 4 (day-of-month) 'JAN' is not a valid value")]
    [InlineData("0 0 12 1,,2 * ?", "Field 4 (day-of-month) '1,,2' has an empty item")]
    [InlineData("0 0 12 ? * -1", "Field 6 (day-of-week) '-1' is missing a value")]
    [InlineData("0 0 5L * * ?", "Field 3 (hours) '5L' is not a valid value")]
    [InlineData("0 0 12 L,5 * ?", "Field 4 (day-of-month) 'L,5' is not a valid 'L' value")]
    [InlineData("0 0 12 5,L * ?", "Field 4 (day-of-month) '5,L' uses 'L' or 'W' with other values")]
    [InlineData("0 0 12 L-31 * ?", "Field 4 (day-of-month) 'L-31' has an offset of 31 days")]
    [InlineData("0 0 12 1-15W * ?", "Field 4 (day-of-month) '1-15W' is not a valid 'W' value")]
    [InlineData("0 0 12 32W * ?", "Field 4 (day-of-month) '32' is out of range 1-31")]
    [InlineData("0 0 12 ? * 6#6", "Field 6 (day-of-week) '6#6' needs a week number 1-5")]
    [InlineData("0 0 12 ? * 6#0", "Field 6 (day-of-week) '6#0' needs a week number 1-5")]
    [InlineData("0 0 12 ? * 2-6#3", "Field 6 (day-of-week) '2-6#3' uses '#' with a list")]
    [InlineData("0 0 12 ? * 2,6L", "Field 6 (day-of-week) '2,6L' uses 'L' with a list")]
    [InlineData("0 0 12 ? * 6L,2", "Field 6 (day-of-week) '6L,2' uses 'L' with other values")]
    [InlineData("0 0 12 ? * 9L", "Field 6 (day-of-week) '9' is out of range 1-7")]
    [InlineData("0 0 12 ? * mon#9", "Field 6 (day-of-week) 'mon#9' needs a week number 1-5")]
    [InlineData("0 0 12 l,5 * ?", "Field 4 (day-of-month) 'l,5' is not a valid 'L' value")]
    [InlineData("0 0 12 ? * * 2030-2025", "Field 7 (year) '2030-2025' is a range that runs backwards")]
    public void TryParse_InvalidExpression_ProblemNamesFieldAndExplainsFormat(string text, string expected)
    {
        Assert.False(QuartzCronExpression.TryParse(text, out var expression, out var problem));
        Assert.Null(expression);
        Assert.NotNull(problem);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
        Assert.Contains(FormatReminder, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void TryParse_Empty_ProblemSaysEmpty(string? text)
    {
        Assert.False(QuartzCronExpression.TryParse(text, out _, out var problem));
        Assert.StartsWith("The cron expression is empty.", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_LongerThanLimit_IsRefused()
    {
        var text = "0 0 12 ? * " + string.Join(',', Enumerable.Repeat("MON", 100));

        Assert.False(QuartzCronExpression.TryParse(text, out _, out var problem));
        Assert.Contains($"the limit is {QuartzCronExpression.MaxLength}", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_LongBadValue_IsQuotedShortened()
    {
        var text = "0 0 12 ? * " + new string('X', 200);

        Assert.False(QuartzCronExpression.TryParse(text, out _, out var problem));
        Assert.Contains("Field 6 (day-of-week) '" + new string('X', 40) + "…'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Invalid_ThrowsFormatExceptionWithProblem()
    {
        var exception = Assert.Throws<FormatException>(() => QuartzCronExpression.Parse("0 0 12 32 * ?"));

        Assert.StartsWith("Field 4 (day-of-month) '32' is out of range 1-31. " + FormatReminder, exception.Message, StringComparison.Ordinal);
    }
}
