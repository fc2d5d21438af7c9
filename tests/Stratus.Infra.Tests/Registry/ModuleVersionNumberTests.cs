using Stratus.Infra.Registry.Modules;

namespace Stratus.Infra.Tests.Registry;

public sealed class ModuleVersionNumberTests
{
    [Theory]
    [InlineData("1.2.0", "1.2.0")]
    [InlineData("v1.2.0", "1.2.0")]
    [InlineData("1.3.0-rc.1", "1.3.0-rc.1")]
    [InlineData("2.0.0+build.7", "2.0.0+build.7")]
    public void Normalize_SemanticVersion_ReturnsItWithoutTheV(string text, string expected) =>
        Assert.Equal(expected, ModuleVersionNumber.Normalize(text));

    [Theory]
    [InlineData("1.2")]
    [InlineData("01.2.0")]
    [InlineData("latest")]
    [InlineData("V1.2.0x")]
    [InlineData("1.2.0/../x")]
    [InlineData("")]
    public void Normalize_AnythingElse_IsNullAndTheProblemNamesIt(string text)
    {
        Assert.Null(ModuleVersionNumber.Normalize(text));
        Assert.Contains($"'{text}'", ModuleVersionNumber.Problem(text, "tag"), StringComparison.Ordinal);
    }

    [Fact]
    public void Comparer_Versions_OrdersBySemverPrecedence()
    {
        string[] versions = ["1.10.0", "1.2.0", "1.2.0-rc.1", "0.9.0", "1.9.0", "1.2.0-alpha"];

        Assert.Equal(["0.9.0", "1.2.0-alpha", "1.2.0-rc.1", "1.2.0", "1.9.0", "1.10.0"], versions.Order(ModuleVersionNumber.Comparer));
    }
}
