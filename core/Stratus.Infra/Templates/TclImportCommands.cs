namespace Stratus.Infra.Templates;

/// <summary>
/// A flow's <c>importComands</c> (Terrakube's spelling; <c>importCommands</c> is accepted too): commands kept in a git
/// repository, fetched when the step runs and run as if they were written in the flow.
/// </summary>
/// <param name="Repository">The git URL (https, ssh, or file:// where allowed).</param>
/// <param name="Branch">The branch to fetch.</param>
/// <param name="Folder">The folder in the repository that holds the commands.</param>
/// <param name="InputsEnv">Environment variable name → <c>$NAME</c> of an organization global, for the imported commands.</param>
/// <param name="InputsTerraform">Terraform variable name → <c>$NAME</c> of an organization global, for the imported commands.</param>
public sealed record TclImportCommands(
    string Repository,
    string Branch,
    string Folder,
    IReadOnlyDictionary<string, string> InputsEnv,
    IReadOnlyDictionary<string, string> InputsTerraform);
