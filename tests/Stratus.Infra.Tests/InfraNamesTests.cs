namespace Stratus.Infra.Tests;

public sealed class InfraNamesTests
{
    [Theory]
    [InlineData("acme")]
    [InlineData("prod-network")]
    [InlineData("a")]
    [InlineData("v1.2_x")]
    public void Problem_ValidName_IsNull(string name) => Assert.Null(InfraNames.Problem(name, "workspace name"));

    [Theory]
    [InlineData("")]
    [InlineData("Upper")]
    [InlineData("-lead")]
    [InlineData("trail-")]
    [InlineData("has space")]
    [InlineData("slash/inside")]
    [InlineData("new\n")]
    public void Problem_InvalidName_NamesWhatIsWrong(string name) =>
        Assert.Contains("workspace name", InfraNames.Problem(name, "workspace name"), StringComparison.Ordinal);

    [Fact]
    public void Problem_TooLong_IsRefused() => Assert.NotNull(InfraNames.Problem(new string('a', InfraNames.MaxLength + 1), "organization name"));
}
