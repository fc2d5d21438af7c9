using Stratus.Api.Api.Validation;

namespace Stratus.Api.Infra.Vcs;

/// <summary>A workspace's link to a repository.</summary>
/// <param name="Connection">The organization's VCS connection.</param>
/// <param name="Repository">GitHub's <c>owner/name</c> or GitLab's <c>group/project</c> path.</param>
/// <param name="Branches">Branch names or globs (<c>release/*</c>) whose pushes start a job; none means every branch. Pull requests are matched on their target branch.</param>
/// <param name="Folders">Folders of the repository; a push starts a job only when it changes a file inside one. None means any change.</param>
/// <param name="Template">The template a push starts; the workspace's default when left out.</param>
/// <param name="SpeculativePlans">Whether pull/merge requests get a speculative plan (default true).</param>
internal sealed record VcsLinkRequest(
    [property: Text(InputLimits.InfraName)] string? Connection,
    [property: Text(InputLimits.Path)] string? Repository,
    [property: TextList(InputLimits.MaxTags, InputLimits.GitRef)] IReadOnlyList<string>? Branches,
    [property: TextList(InputLimits.MaxTags, InputLimits.Path)] IReadOnlyList<string>? Folders,
    [property: Text(InputLimits.InfraName)] string? Template,
    bool? SpeculativePlans);
