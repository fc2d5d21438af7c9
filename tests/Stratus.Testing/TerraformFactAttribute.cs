using Xunit;

namespace Stratus.Testing;

/// <summary>A test that runs the real terraform CLI; skipped, saying why, where terraform (or bash) is not on PATH.</summary>
public sealed class TerraformFactAttribute : FactAttribute
{
    public TerraformFactAttribute()
    {
        if (!Executables.OnPath("terraform"))
        {
            Skip = "terraform is not on PATH: install terraform (1.11 or later; the test command expects it) to run the tests that use it.";
        }
        else if (!Executables.OnPath("bash"))
        {
            Skip = "bash is not on PATH.";
        }
    }
}
