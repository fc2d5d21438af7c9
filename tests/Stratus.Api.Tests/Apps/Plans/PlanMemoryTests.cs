using System.Text.Json;
using Stratus.Api.Apps.Plans;

namespace Stratus.Api.Tests.Apps.Plans;

public sealed class PlanMemoryTests
{
    [Theory]
    [InlineData("\"512Mi\"", 536_870_912L)]
    [InlineData("\"1Gi\"", 1_073_741_824L)]
    [InlineData("\"1.5Gi\"", 1_610_612_736L)]
    [InlineData("\"64Ki\"", 65_536L)]
    [InlineData("\"2Ti\"", 2_199_023_255_552L)]
    [InlineData("\"500M\"", 500_000_000L)]
    [InlineData("\"2G\"", 2_000_000_000L)]
    [InlineData("\"3K\"", 3_000L)]
    [InlineData("\"3k\"", 3_000L)]
    [InlineData("\" 128Mi \"", 134_217_728L)]
    [InlineData("\"1048576\"", 1_048_576L)]
    [InlineData("268435456", 268_435_456L)]
    [InlineData("0", 0L)]
    public void Parse_BytesOrQuantity_ReturnsBytes(string json, long expected)
    {
        var (bytes, problem) = PlanMemory.Parse(JsonDocument.Parse(json).RootElement);

        Assert.Null(problem);
        Assert.Equal(expected, bytes);
    }

    [Theory]
    [InlineData("\"512MB\"")]
    [InlineData("\"-1Mi\"")]
    [InlineData("\"Mi\"")]
    [InlineData("\"\"")]
    [InlineData("\"0.5\"")]
    [InlineData("\"99999999999999999999Ti\"")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("true")]
    [InlineData("{}")]
    public void Parse_NotAnAmountOfBytes_ReturnsTheRule(string json)
    {
        var (_, problem) = PlanMemory.Parse(JsonDocument.Parse(json).RootElement);

        Assert.NotNull(problem);
        Assert.Contains("512Mi", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0L, "unlimited")]
    [InlineData(536_870_912L, "512Mi")]
    [InlineData(1_073_741_824L, "1Gi")]
    [InlineData(1_610_612_736L, "1536Mi")]
    [InlineData(500_000_000L, "500M")]
    [InlineData(1_000L, "1K")]
    [InlineData(2_048_000L, "2000Ki")]
    [InlineData(1_500L, "1500")]
    public void Format_Bytes_ReturnsTheLargestExactUnit(long bytes, string expected) =>
        Assert.Equal(expected, PlanMemory.Format(bytes));
}
