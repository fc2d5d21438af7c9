using System.Text;
using Stratus.Infra.State;

namespace Stratus.Infra.Tests.State;

public sealed class StateLockInfoTests
{
    [Fact]
    public void Parse_TerraformsLockInfo_ReadsEveryField()
    {
        const string Json = """{"ID":"0b5e4c4a-1d2e-4f3a-9b8c-7d6e5f4a3b2c","Operation":"OperationTypeApply","Info":"","Who":"alice@host","Version":"1.11.4","Created":"2026-01-01T10:00:00.123456Z","Path":""}""";

        var info = StateLockInfo.Parse(Encoding.UTF8.GetBytes(Json), out var problem);

        Assert.Null(problem);
        Assert.Equal(new StateLockInfo("0b5e4c4a-1d2e-4f3a-9b8c-7d6e5f4a3b2c", "OperationTypeApply", "", "alice@host", "1.11.4", "2026-01-01T10:00:00.123456Z", ""), info);
    }

    [Fact]
    public void Parse_LowerCaseNamesAndExtraFields_AreAccepted() =>
        Assert.Equal("x1", StateLockInfo.Parse("""{"id":"x1","extra":{"a":[1,2]},"who":"me"}"""u8, out _)?.Id);

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("{\"ID\": \"\"}")]
    [InlineData("{\"ID\": 5}")]
    [InlineData("[\"ID\"]")]
    [InlineData("{\"ID\": \"a\"")]
    public void Parse_NoUsableId_SaysWhatIsWrong(string json)
    {
        Assert.Null(StateLockInfo.Parse(Encoding.UTF8.GetBytes(json), out var problem));
        Assert.NotNull(problem);
    }

    [Fact]
    public void Parse_HugeField_IsRefused() =>
        Assert.Null(StateLockInfo.Parse(Encoding.UTF8.GetBytes($$"""{"ID":"a","Info":"{{new string('x', StateLockInfo.MaxFieldChars + 1)}}"}"""), out _));
}
