using System.CommandLine;
using Spectre.Console;
using Stratus.Cli.Output;

namespace Stratus.Cli.Commands.Infra;

/// <summary>
/// <c>stratus variable …  --org &lt;org&gt; -w &lt;workspace&gt;</c>: a workspace's variables, and <c>resolved</c>: what its
/// jobs get once globals and collections are merged in.
/// </summary>
internal static class VariableCommands
{
    private static readonly string[] ResolvedHeaders = ["Key", "Category", "Value", "From", "Overrides"];

    public static Command Create(CliContext context)
    {
        var command = new Command("variable", "Manages a workspace's variables (terraform inputs and environment variables).");
        foreach (var subcommand in new VariableCommandSet(context, () => new WorkspaceScope(), "variables", "workspace variable", "variable").Commands())
        {
            command.Subcommands.Add(subcommand);
        }

        command.Subcommands.Add(Resolved(context));
        command.Aliases.Add("var");
        return command;
    }

    private static Command Resolved(CliContext context)
    {
        var scope = new WorkspaceScope();
        var command = new Command("resolved", "Shows the variables the workspace's jobs get: its own, then globals, then collections by priority.");
        scope.AddTo(command);
        context.SetAction(command, async (call, ct) =>
        {
            var resolved = await call.Api.GetAsync<ResolvedVariablesInfo>(scope.Path(call, "variables", "resolved"), ct);
            call.Output.Show(resolved, r => new Rows(
                r.Items.Count == 0
                    ? new Markup($"[grey]No variables.[/]{Environment.NewLine}")
                    : CliOutput.Table(ResolvedHeaders, r.Items.Select(v => new[]
                    {
                        v.Key, v.Category, v.Sensitive ? VariableCommandSet.Masked : v.Value ?? "", From(v.Source), Cells.List(v.Overrides.Select(From)),
                    })),
                new Markup(string.Concat(r.Problems.Select(p => $"[yellow]{Markup.Escape(p)}[/]{Environment.NewLine}")))));
            return resolved.Value.Problems.Count == 0 ? 0 : 1;
        });
        return command;
    }

    private static string From(VariableSourceInfo source) => source.Kind == "collection" ? $"collection {source.Name} (priority {source.Priority})" : $"{source.Kind} {source.Name}";
}
