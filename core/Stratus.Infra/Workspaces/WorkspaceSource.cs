namespace Stratus.Infra.Workspaces;

/// <summary>
/// Where a workspace's configuration comes from: a git repository (URL, branch, optional commit) or an uploaded
/// tar.gz (<see cref="ArchiveBlob"/>), and the folder inside it that holds the root module.
/// </summary>
public sealed record WorkspaceSource(string Kind, string? Url, string? Branch, string? Commit, string? Folder, string? ArchiveBlob)
{
    public const string Git = "git";
    public const string Upload = "upload";
    public const string None = "none";

    public static readonly WorkspaceSource Empty = new(None, null, null, null, null, null);
}
