namespace Stratus.Infra.Templates;

/// <summary>
/// A script a flow runs. In terraform* flows <see cref="Before"/>/<see cref="After"/> place it around the Terraform
/// operation (after commands only on success); customScripts flows run every command and ignore both.
/// </summary>
/// <param name="Runtime"><see cref="BashRuntime"/> or <see cref="GroovyRuntime"/>, as Terrakube's executor has them.</param>
/// <param name="Priority">Lower runs first; <see cref="DefaultPriority"/> when not given.</param>
/// <param name="Before">Runs after <c>terraform init</c>, before the Terraform operation.</param>
/// <param name="Verbose">Echo the script's commands into the step log.</param>
/// <param name="BeforeInit">Terrakube's <c>beforeInit</c>: runs before <c>terraform init</c> (e.g. to write a backend or provider configuration).</param>
public sealed record TclCommand(string Runtime, int Priority, bool Before, bool After, string Script, bool Verbose, bool BeforeInit = false)
{
    public const string BashRuntime = "BASH";

    /// <summary>Terrakube's runtime for Groovy scripts, run with the <c>groovy</c> binary.</summary>
    public const string GroovyRuntime = "GROOVY";

    /// <summary>The runtimes Terrakube's executor knows (its ScriptType enum), spelled as it spells them.</summary>
    public static IReadOnlyList<string> Runtimes { get; } = [BashRuntime, GroovyRuntime];

    public const int DefaultPriority = 100;
}
