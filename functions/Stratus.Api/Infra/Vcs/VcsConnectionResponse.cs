using Stratus.Infra.Vcs;

namespace Stratus.Api.Infra.Vcs;

/// <summary>A connection as the API shows it: never its token; its webhook secret only in the answer that created it.</summary>
internal sealed record VcsConnectionResponse(
    string Id, string Provider, string ApiUrl, string WebhookUrl, string? WebhookSecret, DateTimeOffset CreatedAt, string CreatedBy)
{
    public static VcsConnectionResponse From(VcsConnection c, HttpRequest request, string? webhookSecret = null) => new(
        c.Id, c.Provider, c.ApiUrl, $"{request.Scheme}://{request.Host}/api/v1/organizations/{c.Organization}/vcs/connections/{c.Id}/webhook",
        webhookSecret, c.CreatedAt, c.CreatedBy);
}
