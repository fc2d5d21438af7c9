using Stratus.Api.Api.Validation;

namespace Stratus.Api.Infra.Vcs;

/// <summary>A connection to create.</summary>
/// <param name="Id">The connection's name in the organization, part of its webhook URL.</param>
/// <param name="Provider"><c>github</c> or <c>gitlab</c>.</param>
/// <param name="ApiUrl">The provider's REST API base URL; defaults to https://api.github.com or https://gitlab.com/api/v4 (set it for GitHub Enterprise or a self-managed GitLab).</param>
/// <param name="Token">An access token that may set commit statuses and comment on pull/merge requests. Stored encrypted, never returned.</param>
/// <param name="WebhookSecret">The secret the webhooks are signed with; Stratus generates one when left out. Returned only by this call.</param>
internal sealed record VcsConnectionRequest(
    [property: Text(InputLimits.InfraName)] string? Id,
    [property: Text(InputLimits.Keyword)] string? Provider,
    [property: Text(InputLimits.Url)] string? ApiUrl,
    [property: Text(InputLimits.Password)] string? Token,
    [property: Text(InputLimits.Password)] string? WebhookSecret);
