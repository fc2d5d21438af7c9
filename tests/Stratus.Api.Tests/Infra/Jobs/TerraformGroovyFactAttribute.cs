using Stratus.Api.Tests.Infra.State;
using Stratus.Sandbox;

namespace Stratus.Api.Tests.Infra.Jobs;

/// <summary>A job test whose template runs GROOVY commands with the real terraform; skipped, saying why, when either is missing.</summary>
public sealed class TerraformGroovyFactAttribute : FactAttribute
{
    public TerraformGroovyFactAttribute()
    {
        if (TerraformCli.Binary is null)
        {
            Skip = "terraform is not on PATH: install terraform (1.11 or later) to run the job tests.";
        }
        else if (GroovyInstallation.Locate() is null)
        {
            Skip = "groovy is not installed: apt-get install groovy (the test command installs it) to run the GROOVY job tests.";
        }
    }
}
