using System.Runtime.Versioning;
using Stratus.Infra.Execution;

namespace Stratus.Infra.Tests.Execution;

// Unix file modes are part of what is checked; the executor runs on Linux.
[UnsupportedOSPlatform("windows")]
public sealed class TerraformInputsTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void From_PlainTerraformVariable_BecomesTfVar()
    {
        var inputs = TerraformInputs.From([new ResolvedVariable("region", "westeurope", IsEnv: false, Hcl: false, Sensitive: false)]);

        Assert.Equal("westeurope", inputs.Environment["TF_VAR_region"]);
        Assert.Null(inputs.Tfvars);
        Assert.Empty(inputs.Secrets);
    }

    [Fact]
    public void From_HclVariable_GoesToTheTfvarsFileNotTheEnvironment()
    {
        var inputs = TerraformInputs.From([new ResolvedVariable("tags", "{ env = \"prod\" }\n", IsEnv: false, Hcl: true, Sensitive: false)]);

        Assert.DoesNotContain("TF_VAR_tags", inputs.Environment.Keys);
        Assert.Contains("\ntags = { env = \"prod\" }\n", inputs.Tfvars, StringComparison.Ordinal);
    }

    [Fact]
    public void From_EnvironmentVariable_PassedAsIs()
    {
        var inputs = TerraformInputs.From([new ResolvedVariable("ARM_CLIENT_ID", "abc", IsEnv: true, Hcl: false, Sensitive: false)]);

        Assert.Equal("abc", inputs.Environment["ARM_CLIENT_ID"]);
        Assert.DoesNotContain("TF_VAR_ARM_CLIENT_ID", inputs.Environment.Keys);
    }

    [Fact]
    public void From_AutomationSettings_AlwaysSetAndWin()
    {
        var inputs = TerraformInputs.From([new ResolvedVariable("TF_INPUT", "1", IsEnv: true, Hcl: false, Sensitive: false)]);

        Assert.Equal("1", inputs.Environment["TF_IN_AUTOMATION"]);
        Assert.Equal("0", inputs.Environment["TF_INPUT"]);
        Assert.Equal("1", inputs.Environment["CHECKPOINT_DISABLE"]);
    }

    [Fact]
    public void From_SameKeyTwice_LaterWinsAcrossKinds()
    {
        var inputs = TerraformInputs.From(
        [
            new ResolvedVariable("size", "\"small\"", IsEnv: false, Hcl: true, Sensitive: false),
            new ResolvedVariable("size", "large", IsEnv: false, Hcl: false, Sensitive: false),
        ]);

        Assert.Equal("large", inputs.Environment["TF_VAR_size"]);
        Assert.Null(inputs.Tfvars);
    }

    [Fact]
    public void From_SensitiveValues_ListedAsSecretsWithTheStringsInsideHcl()
    {
        var inputs = TerraformInputs.From(
        [
            new ResolvedVariable("password", "hunter22", IsEnv: false, Hcl: false, Sensitive: true),
            new ResolvedVariable("ARM_CLIENT_SECRET", "client-secret", IsEnv: true, Hcl: false, Sensitive: true),
            new ResolvedVariable("creds", "{ user = \"admin\", key = \"k\\\"ey-123\" }", IsEnv: false, Hcl: true, Sensitive: true),
            new ResolvedVariable("public", "visible", IsEnv: false, Hcl: false, Sensitive: false),
        ]);

        Assert.Contains("hunter22", inputs.Secrets);
        Assert.Contains("client-secret", inputs.Secrets);
        Assert.Contains("admin", inputs.Secrets);
        Assert.Contains("k\"ey-123", inputs.Secrets);
        Assert.DoesNotContain("visible", inputs.Secrets);
        Assert.Equal("key=***", inputs.CreateMasker().Mask("key=k\"ey-123"));
        Assert.Equal("token ***", inputs.CreateMasker("api-token-1").Mask("token api-token-1"));
    }

    [Theory]
    [InlineData("1abc", false, false)]
    [InlineData("has space", false, false)]
    [InlineData("", true, false)]
    [InlineData("A=B", true, false)]
    [InlineData("empty_hcl", false, true)]
    public void From_InvalidVariable_Refused(string key, bool isEnv, bool hcl) =>
        Assert.Throws<ArgumentException>(() => TerraformInputs.From([new ResolvedVariable(key, hcl ? " " : "v", isEnv, hcl, Sensitive: false)]));

    [Fact]
    public void WriteTfvars_NoHclVariables_WritesNothing()
    {
        var inputs = TerraformInputs.From([new ResolvedVariable("a", "b", IsEnv: false, Hcl: false, Sensitive: false)]);

        Assert.Null(inputs.WriteTfvars(_directory.FullPath));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_directory.FullPath));
    }

    [Fact]
    public void WriteTfvars_HclVariables_OwnerOnlyFileThatLoadsLast()
    {
        var inputs = TerraformInputs.From([new ResolvedVariable("n", "3", IsEnv: false, Hcl: true, Sensitive: true)]);

        var path = inputs.WriteTfvars(_directory.FullPath);

        Assert.Equal(Path.Combine(_directory.FullPath, "zz_stratus.auto.tfvars"), path);
        Assert.EndsWith("n = 3\n", File.ReadAllText(path!), StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path!));
    }

    [Fact]
    public void ResolvedVariable_ToString_HidesTheValue() =>
        Assert.DoesNotContain("hunter22", new ResolvedVariable("p", "hunter22", IsEnv: false, Hcl: false, Sensitive: true).ToString(), StringComparison.Ordinal);
}
