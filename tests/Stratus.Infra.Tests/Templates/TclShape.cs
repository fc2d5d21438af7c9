using System.Globalization;
using Stratus.Infra.Templates;

namespace Stratus.Infra.Tests.Templates;

/// <summary>
/// A parsed template written as one line per flow, so a corpus test can state the whole structure it expects in a
/// string that reads like the YAML: <c>100 terraformPlan cmds[GROOVY/100/b, BASH/200/a]</c>.
/// </summary>
internal static class TclShape
{
    public static string Describe(TclTemplate template) => string.Join(" | ", template.Flows.Select(Describe));

    private static string Describe(TclFlow flow)
    {
        var parts = new List<string> { string.Create(CultureInfo.InvariantCulture, $"{flow.Step} {flow.Type}") };
        Add(parts, flow.Team is null ? null : $"team={flow.Team}");
        Add(parts, flow.IgnoreError ? "ignoreError" : null);
        Add(parts, flow.RequireSavedPlan ? "requireSavedPlan" : null);
        Add(parts, Commands("cmds", flow.Commands));
        Add(parts, Commands("onFailure", flow.OnFailure));
        Add(parts, Commands("onReject", flow.OnReject));
        Add(parts, Inputs("env", flow.InputsEnv));
        Add(parts, Inputs("tf", flow.InputsTerraform));
        Add(parts, flow.Templates.Count == 0 ? null : $"schedule[{string.Join(", ", flow.Templates.Select(t => $"{t.Name}@{t.Schedule}"))}]");
        if (flow.ImportCommands is { } imports)
        {
            var inner = new List<string> { $"{imports.Repository}@{imports.Branch}:{imports.Folder}" };
            Add(inner, imports.VcsId is null ? null : $"vcs={imports.VcsId}");
            Add(inner, Inputs("env", imports.InputsEnv));
            Add(inner, Inputs("tf", imports.InputsTerraform));
            parts.Add($"import({string.Join(" ", inner)})");
        }

        return string.Join(' ', parts);
    }

    private static void Add(List<string> parts, string? part)
    {
        if (part is not null)
        {
            parts.Add(part);
        }
    }

    private static string? Commands(string what, IReadOnlyList<TclCommand> commands) =>
        commands.Count == 0 ? null : $"{what}[{string.Join(", ", commands.Select(Command))}]";

    private static string Command(TclCommand command)
    {
        var placement = (command.BeforeInit ? "i" : "") + (command.Before ? "b" : "") + (command.After ? "a" : "") + (command.Verbose ? "v" : "");
        return string.Create(CultureInfo.InvariantCulture, $"{command.Runtime}/{command.Priority}/{placement}");
    }

    private static string? Inputs(string what, IReadOnlyDictionary<string, string> inputs) =>
        inputs.Count == 0 ? null : $"{what}{{{string.Join(",", inputs.Select(i => $"{i.Key}={i.Value}"))}}}";
}
