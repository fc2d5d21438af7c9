using Stratus.Infra.Organizations;

namespace Stratus.Api.Infra.Organizations;

internal sealed record OrganizationResponse(string Name, string? Description, DateTimeOffset CreatedAt, string CreatedBy)
{
    public static OrganizationResponse From(Organization o) => new(o.Name, o.Description, o.CreatedAt, o.CreatedBy);
}
