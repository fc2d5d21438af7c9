namespace Stratus.Infra.Tests.Execution;

/// <summary>A test that runs bash (and coreutils); skipped, saying why, where bash is not on PATH.</summary>
public sealed class BashFactAttribute : FactAttribute
{
    public BashFactAttribute()
    {
        if (ExternalTools.Bash is null || !OperatingSystem.IsLinux())
        {
            Skip = "bash on Linux is required: this test runs real processes and inspects /proc.";
        }
    }
}
