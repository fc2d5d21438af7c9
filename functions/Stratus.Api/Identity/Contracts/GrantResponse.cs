using Stratus.Identity.Authorization;

namespace Stratus.Api.Identity.Contracts;

internal sealed record GrantResponse(string Id, string Principal, string Role, string Scope, DateTimeOffset CreatedAt, string CreatedBy)
{
    public static GrantResponse From(Grant grant) =>
        new(grant.Id, grant.Principal.ToString(), grant.Role, grant.Scope.ToString(), grant.CreatedAt, grant.CreatedBy);
}
