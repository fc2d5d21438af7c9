using Stratus.Identity.Authorization;
using Stratus.Identity.Principals;
using Stratus.Infra.Organizations;
using Stratus.Infra.Registry.Modules;

namespace Stratus.Api.Infra.Registry.Modules;

/// <summary>
/// The modules a caller may read across organizations, for the registry's list and search: each organization whose
/// <c>module.read</c> the caller holds contributes its modules. A private registry has few organizations and modules,
/// so the whole set is read and paged by offset, as the protocol pages.
/// </summary>
internal sealed class ModuleRegistryCatalog(OrganizationStore organizations, ModuleStore modules, AccessEvaluator access)
{
    public async Task<IReadOnlyList<RegistryModule>> ReadableModulesAsync(Caller caller, CancellationToken cancellationToken)
    {
        var readable = new List<RegistryModule>();
        string? continuation = null;
        do
        {
            var page = await organizations.ListAsync(200, continuation, cancellationToken);
            foreach (var organization in page.Items)
            {
                if (await access.IsAllowedAsync(caller, PermissionNames.ModuleRead, Scope.Of(ScopeKind.Organization, organization.Name), cancellationToken))
                {
                    readable.AddRange(await modules.ListAllModulesAsync(organization.Name, cancellationToken));
                }
            }

            continuation = page.ContinuationToken;
        }
        while (continuation is not null);
        return readable;
    }
}
