namespace Stratus.Infra.Vcs;

/// <summary>
/// A workspace's link to a repository of a connection. A push to a branch in <see cref="Branches"/> that changes a file
/// under one of <see cref="Folders"/> (any file when empty) starts <see cref="Template"/> (the workspace's default when
/// null); a pull request gets a speculative plan when <see cref="SpeculativePlans"/> is on.
/// </summary>
public sealed record VcsLink(
    string Organization,
    string Workspace,
    string Connection,
    string Repository,
    IReadOnlyList<string> Branches,
    IReadOnlyList<string> Folders,
    string? Template,
    bool SpeculativePlans,
    DateTimeOffset CreatedAt,
    string CreatedBy);
