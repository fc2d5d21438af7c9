namespace Stratus.Infra.Templates;

/// <summary>
/// A script a flow runs. In terraform* flows <see cref="Before"/>/<see cref="After"/> place it around the Terraform
/// operation (after commands only on success); customScripts flows run every command and ignore both.
/// </summary>
/// <param name="Runtime">Always <see cref="BashRuntime"/>: the only runtime Stratus executors have.</param>
/// <param name="Priority">Lower runs first; <see cref="DefaultPriority"/> when not given.</param>
/// <param name="Verbose">Echo the script's commands into the step log.</param>
public sealed record TclCommand(string Runtime, int Priority, bool Before, bool After, string Script, bool Verbose)
{
    public const string BashRuntime = "BASH";

    /// <summary>Terrakube's runtime for Groovy scripts; recognised only to say it is unsupported.</summary>
    public const string GroovyRuntime = "GROOVY";

    public const int DefaultPriority = 100;
}
