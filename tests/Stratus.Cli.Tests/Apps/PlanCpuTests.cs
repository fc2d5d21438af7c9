using Stratus.Cli.Commands.Apps;

namespace Stratus.Cli.Tests.Apps;

public sealed class PlanCpuTests
{
    [Theory]
    [InlineData("500m", 500)]
    [InlineData("0.5", 500)]
    [InlineData("2", 2000)]
    [InlineData("0.25", 250)]
    [InlineData("0", 0)]
    public void ToMilli_CoresOrMillicores_ReturnsMillicores(string cpu, int expected) => Assert.Equal(expected, PlanCpu.ToMilli(cpu));

    [Theory]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("0.0005")]
    [InlineData("1.5m")]
    [InlineData("two")]
    public void ToMilli_NotACpuAmount_Throws(string cpu) => Assert.Throws<CliException>(() => PlanCpu.ToMilli(cpu));

    [Theory]
    [InlineData(0, "unlimited")]
    [InlineData(250, "250m")]
    [InlineData(2000, "2")]
    public void Format_Millicores_ReadsAsWritten(int milli, string expected) => Assert.Equal(expected, PlanCpu.Format(milli));
}
