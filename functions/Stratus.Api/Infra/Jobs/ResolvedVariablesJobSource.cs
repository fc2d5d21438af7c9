using Stratus.Infra.Variables;
using Stratus.Orchestrations.Jobs;
using ExecutorVariable = Stratus.Infra.Execution.ResolvedVariable;

namespace Stratus.Api.Infra.Jobs;

/// <summary>Feeds jobs the workspace's effective variables; a variable that cannot be used fails the step with its reason.</summary>
internal sealed class ResolvedVariablesJobSource(VariableResolver resolver) : IJobVariableSource
{
    public async Task<IReadOnlyList<ExecutorVariable>> ResolveAsync(string organization, string workspace, CancellationToken cancellationToken)
    {
        try
        {
            var resolved = await resolver.ResolveAsync(organization, workspace, cancellationToken);
            return resolved.Select(v => new ExecutorVariable(v.Key, v.Value, v.IsEnv, v.Hcl, v.Sensitive, v.Owner)).ToList();
        }
        catch (VariableResolutionException ex)
        {
            throw new InvalidOperationException(ex.Message, ex);
        }
    }
}
