using System.Globalization;
using System.Text.RegularExpressions;
using Stratus.Infra.Execution;

namespace Stratus.Orchestrations.Jobs;

/// <summary>
/// The variables Terrakube's executor gives every script (bash as environment variables, Groovy as binding variables),
/// under Terrakube's names, and the terraform variables under their plain names as well as <c>TF_VAR_name</c>.
/// Precedence: these script variables win; then the step's environment variables; a terraform variable's plain name is
/// set only when nothing else uses it (and is a valid shell name), so it cannot replace <c>PATH</c> or a script variable.
/// </summary>
internal static partial class ScriptVariables
{
    /// <summary>Every name <see cref="Add"/> sets, in Terrakube's order.</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        "workingDirectory", "bashToolsDirectory", "terrakubeToolsRepository", "terrakubeEnv", "organizationId", "workspaceId",
        "jobId", "stepId", "terraformVersion", "source", "branch", "vcsType", "accessToken", "terraformOutput", "terrakubeApi",
        "terrakubeToken",
    ];

    /// <param name="environment">The step's environment so far; receives the script variables and plain names.</param>
    /// <param name="context">What the step knows about itself.</param>
    /// <param name="variables">The resolved variables; terraform ones are added under their plain names.</param>
    public static void Add(Dictionary<string, string> environment, ScriptContext context, IEnumerable<ResolvedVariable> variables)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(variables);
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["workingDirectory"] = context.WorkingDirectory,
            ["bashToolsDirectory"] = Path.Combine(context.WorkingDirectory, ".terrakube", "tools"),
            ["terrakubeToolsRepository"] = Path.Combine(context.WorkingDirectory, ".terrakube", "toolsRepository"),
            ["terrakubeEnv"] = Path.Combine(context.WorkingDirectory, ".terrakube_temp_env"),
            ["organizationId"] = context.Organization,
            ["workspaceId"] = context.Workspace,
            ["jobId"] = context.JobId,
            ["stepId"] = context.Step.ToString(CultureInfo.InvariantCulture),
            ["terraformVersion"] = context.TerraformVersion ?? "",
            ["source"] = context.Source ?? "",
            ["branch"] = context.Branch ?? "",
            ["vcsType"] = context.Source is null ? "" : "PUBLIC",
            ["accessToken"] = "",
            ["terraformOutput"] = "",
            ["terrakubeApi"] = context.ApiUrl,
            ["terrakubeToken"] = context.Token ?? "",
        };

        foreach (var variable in variables)
        {
            if (!variable.IsEnv && ShellName().IsMatch(variable.Key) && !environment.ContainsKey(variable.Key) && !values.ContainsKey(variable.Key))
            {
                environment[variable.Key] = variable.Value;
            }
        }

        foreach (var (name, value) in values)
        {
            environment[name] = value;
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ShellName();
}
