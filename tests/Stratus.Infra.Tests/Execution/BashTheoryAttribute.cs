namespace Stratus.Infra.Tests.Execution;

/// <summary>A theory that runs bash; skipped, saying why, where bash is not on PATH.</summary>
public sealed class BashTheoryAttribute : TheoryAttribute
{
    public BashTheoryAttribute()
    {
        if (ExternalTools.Bash is null || !OperatingSystem.IsLinux())
        {
            Skip = "bash on Linux is required: this test runs real processes.";
        }
    }
}
