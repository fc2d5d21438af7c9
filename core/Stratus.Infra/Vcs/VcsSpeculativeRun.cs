namespace Stratus.Infra.Vcs;

/// <summary>A speculative plan job started for a pull request, and where its result goes back to.</summary>
public sealed record VcsSpeculativeRun(
    string Organization,
    string Workspace,
    int JobId,
    string Connection,
    string Repository,
    string ProjectId,
    int PullRequest,
    string Sha);
