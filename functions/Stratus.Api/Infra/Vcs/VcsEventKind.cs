namespace Stratus.Api.Infra.Vcs;

internal enum VcsEventKind
{
    /// <summary>An event Stratus does not act on (a ping, a closed pull request, a deleted branch).</summary>
    Ignored,
    Push,
    PullRequest,
}
