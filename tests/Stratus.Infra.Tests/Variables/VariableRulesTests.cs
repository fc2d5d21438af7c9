using Stratus.Infra.Variables;

namespace Stratus.Infra.Tests.Variables;

public sealed class VariableRulesTests
{
    [Theory]
    [InlineData("region", VariableCategory.Terraform)]
    [InlineData("_private", VariableCategory.Terraform)]
    [InlineData("with-dash_and_9", VariableCategory.Terraform)]
    [InlineData("AWS_REGION", VariableCategory.Env)]
    [InlineData("_X1", VariableCategory.Env)]
    public void KeyProblem_ValidNames_AreAccepted(string key, VariableCategory category) => Assert.Null(VariableRules.KeyProblem(key, category));

    [Theory]
    [InlineData("9lives", VariableCategory.Terraform)]
    [InlineData("-dash", VariableCategory.Terraform)]
    [InlineData("a.b", VariableCategory.Terraform)]
    [InlineData("new\n", VariableCategory.Terraform)]
    [InlineData("with-dash", VariableCategory.Env)]
    [InlineData("1X", VariableCategory.Env)]
    [InlineData("A B", VariableCategory.Env)]
    [InlineData("", VariableCategory.Env)]
    public void KeyProblem_InvalidNames_NameTheKeyField(string key, VariableCategory category) =>
        Assert.Equal("key", VariableRules.KeyProblem(key, category)?.Field);

    [Fact]
    public void KeyProblem_TooLong_IsRefused() =>
        Assert.Contains("limit", VariableRules.KeyProblem(new string('a', VariableRules.MaxKeyLength + 1), VariableCategory.Terraform)!.Detail, StringComparison.Ordinal);

    [Fact]
    public void ValueProblem_LimitIsInUtf8Bytes()
    {
        Assert.Null(VariableRules.ValueProblem(new string('a', VariableRules.MaxValueBytes), sensitive: false));
        Assert.NotNull(VariableRules.ValueProblem(new string('€', (VariableRules.MaxValueBytes / 3) + 1), sensitive: false));
        Assert.NotNull(VariableRules.ValueProblem("nul\0inside", sensitive: true));
    }
}
