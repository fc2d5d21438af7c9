namespace Stratus.Api.Tests.Infra.State;

/// <summary>A test that runs the real terraform binary; skipped, saying why, when none is on PATH.</summary>
public sealed class TerraformFactAttribute : FactAttribute
{
    public TerraformFactAttribute()
    {
        if (TerraformCli.Binary is null)
        {
            Skip = "terraform is not on PATH: install terraform (1.11 or later) to run the http state backend tests.";
        }
    }
}
