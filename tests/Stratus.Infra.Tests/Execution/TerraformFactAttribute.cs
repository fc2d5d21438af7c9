namespace Stratus.Infra.Tests.Execution;

/// <summary>A test that runs the real terraform CLI; skipped, saying why, where terraform is not on PATH.</summary>
public sealed class TerraformFactAttribute : FactAttribute
{
    public TerraformFactAttribute()
    {
        if (ExternalTools.Terraform is null)
        {
            Skip = "terraform is not on PATH: this test runs the real terraform CLI (1.11 is expected on PATH).";
        }
        else if (ExternalTools.Bash is null)
        {
            Skip = "bash is not on PATH.";
        }
    }
}
