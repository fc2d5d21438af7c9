namespace Stratus.Infra.Organizations;

/// <summary>Whether a live (not deleted) organization exists; what organization-level areas check before acting.</summary>
public interface IOrganizationLookup
{
    Task<bool> OrganizationExistsAsync(string organization, CancellationToken cancellationToken);
}
