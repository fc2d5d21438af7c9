using Stratus.Testing;

namespace Stratus.Cli.Tests.Infra;

/// <summary>A test that runs real terraform jobs: skipped, saying why, where terraform is not installed.</summary>
public sealed class TerraformFactAttribute : FactAttribute
{
    public TerraformFactAttribute()
    {
        if (!Executables.OnPath("terraform"))
        {
            Skip = "terraform is not on PATH: install terraform (1.11 or later) to run the CLI's job tests.";
        }
    }
}
