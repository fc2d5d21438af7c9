using Stratus.Api.Infra.Organizations;
using Stratus.Infra.Templates;

namespace Stratus.Api.Infra.Templates;

/// <summary>Gives every new organization Terrakube's default templates. Seeding again keeps what exists.</summary>
internal sealed class DefaultTemplateSeeder(TemplateStore templates, TimeProvider time) : IOrganizationSeeder
{
    public async Task SeedAsync(string organization, string createdBy, CancellationToken cancellationToken)
    {
        foreach (var template in DefaultTemplates.All)
        {
            await templates.CreateAsync(
                new StoredTemplate(organization, StoredTemplate.Slug(template.Name), template.Name, template.Description, template.Yaml, time.GetUtcNow(), createdBy),
                cancellationToken);
        }
    }
}
