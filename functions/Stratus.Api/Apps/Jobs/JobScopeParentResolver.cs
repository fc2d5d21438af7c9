using Stratus.Apps.Jobs;
using Stratus.Identity.Authorization;

namespace Stratus.Api.Apps.Jobs;

/// <summary>A job sits in its owner team and its pool, as an app does (and as Tsuru's job contexts are): a grant on either covers it.</summary>
internal sealed class JobScopeParentResolver(AppJobStore jobs) : IScopeParentResolver
{
    public ScopeKind Kind => ScopeKind.Job;

    public async Task<IReadOnlyList<Scope>> GetParentsAsync(string value, CancellationToken cancellationToken) =>
        await jobs.GetAsync(value, cancellationToken) is { } job
            ? [Scope.Of(ScopeKind.Team, job.TeamOwner), Scope.Of(ScopeKind.Pool, job.Pool)]
            : [];
}
