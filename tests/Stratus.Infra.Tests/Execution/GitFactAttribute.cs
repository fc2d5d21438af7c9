namespace Stratus.Infra.Tests.Execution;

/// <summary>A test that runs the real git CLI; skipped, saying why, where git is not on PATH.</summary>
public sealed class GitFactAttribute : FactAttribute
{
    public GitFactAttribute()
    {
        if (ExternalTools.Git is null)
        {
            Skip = "git is not on PATH: this test clones a local bare repository with the real git CLI.";
        }
    }
}
