using Stratus.Infra.Execution;
using Stratus.Infra.Templates;
using VariableOwnerKind = Stratus.Infra.Variables.VariableOwnerKind;

namespace Stratus.Orchestrations.Jobs;

/// <summary>
/// TCL's <c>inputsEnv</c> and <c>inputsTerraform</c>, as Terrakube applies them: when a flow (or its
/// <c>importComands</c>) maps inputs of a category, the step loads no global and no collection variable of that category
/// except the mapped ones: <c>NAME: $GLOBAL</c> passes the organization global GLOBAL under the name NAME. The
/// workspace's own variables always stay and win over a mapped name; importComands' mappings win over the flow's. A
/// mapping to a global that does not exist sets nothing, as in Terrakube, and says so in the log.
/// </summary>
internal static class TemplateInputs
{
    public static IReadOnlyList<ResolvedVariable> Apply(IReadOnlyList<ResolvedVariable> resolved, TclFlow flow, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(log);
        var result = resolved.ToList();
        Restrict(result, resolved, isEnv: true, [flow.ImportCommands?.InputsEnv, flow.InputsEnv], log);
        Restrict(result, resolved, isEnv: false, [flow.ImportCommands?.InputsTerraform, flow.InputsTerraform], log);
        return result;
    }

    private static void Restrict(List<ResolvedVariable> result, IReadOnlyList<ResolvedVariable> resolved, bool isEnv, IReadOnlyDictionary<string, string>?[] mappings, Action<string> log)
    {
        if (!mappings.Any(m => m is { Count: > 0 }))
        {
            return;
        }

        var kind = isEnv ? "ENV" : "TERRAFORM";
        result.RemoveAll(v => v.IsEnv == isEnv && v.Owner != VariableOwnerKind.Workspace);
        foreach (var mapping in mappings.Where(m => m is not null))
        {
            foreach (var (name, reference) in mapping!)
            {
                var key = reference.TrimStart('$');
                if (result.Any(v => v.IsEnv == isEnv && v.Key == name))
                {
                    continue;
                }

                if (resolved.FirstOrDefault(v => v.IsEnv == isEnv && v.Owner == VariableOwnerKind.Organization && v.Key == key) is { } global)
                {
                    result.Add(global with { Key = name });
                }
                else
                {
                    log($"The template maps '{name}' to '{reference}', but the organization has no {kind} global '{key}' this workspace inherits; '{name}' is not set.");
                }
            }
        }

        log($"Template inputs: only the mapped {kind} globals are loaded ({string.Join(", ", mappings.Where(m => m is not null).SelectMany(m => m!.Keys).Distinct(StringComparer.Ordinal))}).");
    }
}
