namespace Stratus.Api.Infra.Organizations;

/// <summary>Fills a new organization with what every organization starts with (Terrakube seeds its default templates).</summary>
internal interface IOrganizationSeeder
{
    Task SeedAsync(string organization, string createdBy, CancellationToken cancellationToken);
}
