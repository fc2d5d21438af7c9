using Stratus.Infra.Workspaces;
using Stratus.Secrets;

namespace Stratus.Infra.Variables;

/// <summary>
/// The variables a workspace's runs get, as Terrakube resolves them: the workspace's own variables first; then the
/// organization's globals for keys the workspace does not set; then the collections that reference the workspace,
/// highest priority first (equal priorities by collection name), for keys still unset. A key is unique per category,
/// so a Terraform variable and an environment variable of the same name do not hide each other.
/// </summary>
public sealed class VariableResolver(VariableStore variables, CollectionStore collections, IWorkspaceLookup workspaces)
{
    /// <summary>The effective variables with plain values, for a run.</summary>
    /// <exception cref="VariableResolutionException">The workspace does not exist, or a sensitive variable has no value or cannot be decrypted.</exception>
    public async Task<IReadOnlyList<ResolvedVariable>> ResolveAsync(string organization, string workspace, CancellationToken cancellationToken)
    {
        var found = await workspaces.FindAsync(organization, workspace, cancellationToken)
            ?? throw new VariableResolutionException($"There is no workspace '{workspace}' in organization '{organization}'.", []);
        return await ResolveAsync(found, cancellationToken);
    }

    /// <inheritdoc cref="ResolveAsync(string, string, CancellationToken)"/>
    public async Task<IReadOnlyList<ResolvedVariable>> ResolveAsync(WorkspaceRef workspace, CancellationToken cancellationToken)
    {
        var (resolved, problems, keys) = Reveal(await EffectiveAsync(workspace, cancellationToken));
        if (problems.Count > 0)
        {
            throw new VariableResolutionException(
                $"The variables of workspace '{workspace.Name}' in organization '{workspace.Organization}' are incomplete: " + string.Join(" ", problems),
                keys);
        }

        return resolved;
    }

    /// <summary>
    /// The effective variables with where each comes from and what it hides, sensitive values masked, and the problems
    /// a run would hit (sensitive values are decrypted to check them, and dropped).
    /// </summary>
    public async Task<VariableExplanation> ExplainAsync(WorkspaceRef workspace, CancellationToken cancellationToken)
    {
        var effective = await EffectiveAsync(workspace, cancellationToken);
        var (_, problems, _) = Reveal(effective);
        return new VariableExplanation(effective.Select(e => new EffectiveVariable(e.Stored.Variable, e.Source, e.Overrides)).ToList(), problems);
    }

    private (List<ResolvedVariable> Resolved, List<string> Problems, List<string> Keys) Reveal(
        List<(StoredVariable Stored, VariableSource Source, List<VariableSource> Overrides)> effective)
    {
        var resolved = new List<ResolvedVariable>(effective.Count);
        var problems = new List<string>();
        var keys = new List<string>();
        foreach (var (stored, _, _) in effective)
        {
            var variable = stored.Variable;
            string value;
            if (!variable.Sensitive)
            {
                value = variable.Value ?? "";
            }
            else if (!variable.HasValue)
            {
                problems.Add($"Sensitive variable '{variable.Key}' ({Where(variable)}) has no value; set it with PATCH /api/v1{variable.Owner.ApiPath}/{variable.Id} {{\"value\": \"…\"}}.");
                keys.Add(variable.Key);
                continue;
            }
            else
            {
                try
                {
                    value = variables.Reveal(stored);
                }
                catch (SecretProtectionException ex)
                {
                    problems.Add($"Sensitive variable '{variable.Key}' ({Where(variable)}) cannot be decrypted: {ex.Message} Set it again with PATCH /api/v1{variable.Owner.ApiPath}/{variable.Id}.");
                    keys.Add(variable.Key);
                    continue;
                }
            }

            resolved.Add(new ResolvedVariable(variable.Key, value, variable.Category == VariableCategory.Env, variable.Hcl, variable.Sensitive, variable.Owner.Kind));
        }

        return (resolved, problems, keys);
    }

    private async Task<List<(StoredVariable Stored, VariableSource Source, List<VariableSource> Overrides)>> EffectiveAsync(WorkspaceRef workspace, CancellationToken cancellationToken)
    {
        var layers = new List<(IReadOnlyList<StoredVariable> Variables, int? Priority)>
        {
            (await variables.ListStoredAsync(VariableOwner.ForWorkspace(workspace), cancellationToken), null),
            (await variables.ListStoredAsync(VariableOwner.ForOrganization(workspace.Organization), cancellationToken), null),
        };
        foreach (var collection in await collections.CollectionsForAsync(workspace, cancellationToken))
        {
            layers.Add((await variables.ListStoredAsync(VariableOwner.ForCollection(workspace.Organization, collection.Name), cancellationToken), collection.Priority));
        }

        var effective = new Dictionary<(VariableCategory, string), (StoredVariable Stored, VariableSource Source, List<VariableSource> Overrides)>();
        foreach (var (layer, priority) in layers)
        {
            foreach (var stored in layer)
            {
                var variable = stored.Variable;
                var source = new VariableSource(variable.Owner.Kind, variable.Owner.Name, variable.Id, priority);
                if (effective.TryGetValue((variable.Category, variable.Key), out var winner))
                {
                    winner.Overrides.Add(source);
                }
                else
                {
                    effective[(variable.Category, variable.Key)] = (stored, source, []);
                }
            }
        }

        return effective.Values
            .OrderBy(e => e.Stored.Variable.Category)
            .ThenBy(e => e.Stored.Variable.Key, StringComparer.Ordinal)
            .ToList();
    }

    private static string Where(Variable variable) => variable.Owner.Describe();
}
