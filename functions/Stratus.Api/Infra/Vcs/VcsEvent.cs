namespace Stratus.Api.Infra.Vcs;

/// <summary>
/// What a webhook payload says, provider-neutral. <see cref="Branch"/> is the pushed branch or a pull request's target
/// branch; <see cref="ProjectId"/> is GitLab's numeric project id (its API addresses projects by it), else the repository.
/// </summary>
internal sealed record VcsEvent(
    VcsEventKind Kind,
    string Repository,
    string ProjectId,
    string Branch,
    string Sha,
    IReadOnlyList<string> ChangedPaths,
    int PullRequest)
{
    public static VcsEvent Ignored { get; } = new(VcsEventKind.Ignored, "", "", "", "", [], 0);
}
