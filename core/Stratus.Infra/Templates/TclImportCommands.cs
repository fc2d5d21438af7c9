namespace Stratus.Infra.Templates;

/// <summary>
/// A flow's <c>importComands</c> (Terrakube's spelling; <c>importCommands</c> is accepted too): commands kept in a git
/// repository, fetched when the step runs and run as if they were written in the flow.
/// </summary>
/// <param name="Repository">The git URL (https, ssh, or file:// where allowed).</param>
/// <param name="Branch">The branch to fetch.</param>
/// <param name="Folder">
/// The folder in the repository that holds the commands. Terrakube takes the first entry of a comma-separated list and
/// so does the reader: this is that entry, trimmed.
/// </param>
/// <param name="InputsEnv">Environment variable name → <c>$NAME</c> of an organization global, for the imported commands.</param>
/// <param name="InputsTerraform">Terraform variable name → <c>$NAME</c> of an organization global, for the imported commands.</param>
/// <param name="VcsId">Terrakube's VCS connection for a private repository, kept as written; null when absent.</param>
public sealed record TclImportCommands(
    string Repository,
    string Branch,
    string Folder,
    IReadOnlyDictionary<string, string> InputsEnv,
    IReadOnlyDictionary<string, string> InputsTerraform,
    string? VcsId = null);
