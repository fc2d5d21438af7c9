using Stratus.Sandbox;
using Xunit;

namespace Stratus.Testing;

/// <summary>A test that runs the host's groovy; skipped, saying why, when it is not installed.</summary>
public sealed class GroovyFactAttribute : FactAttribute
{
    public GroovyFactAttribute()
    {
        if (GroovyInstallation.Locate() is null)
        {
            Skip = "groovy is not installed: apt-get install groovy (the test command installs it) to run the GROOVY runtime tests.";
        }
    }
}
