using System.CommandLine;
using Spectre.Console;
using Stratus.Cli.Output;
using Stratus.Client.Models;
using StratusApiClient = Stratus.Client.StratusApiClient;

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
        foreach (var subcommand in new VariableCommandSet<WorkspaceScope>(context, () => new WorkspaceScope(), Api, "workspace variable", "variable").Commands())
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
            var resolved = await call.Client.Call((c, ct) => scope.In(call, c).Variables.Resolved.GetAsync(cancellationToken: ct), ct);
            call.Output.Show(resolved, r => new Rows(
                (r.Items ?? []).Count == 0
                    ? new Markup($"[grey]No variables.[/]{Environment.NewLine}")
                    : CliOutput.Table(ResolvedHeaders, r.Items!.Select(v => new[]
                    {
                        v.Key, v.Category?.ToString(), v.Sensitive == true ? VariableValueOptions.Masked : v.Value ?? "", From(v.Source), Cells.List((v.Overrides ?? []).Select(From)),
                    })),
                new Markup(string.Concat((r.Problems ?? []).Select(p => $"[yellow]{Markup.Escape(p)}[/]{Environment.NewLine}")))));
            return (resolved.Value.Problems ?? []).Count == 0 ? 0 : 1;
        });
        return command;
    }

    /// <summary>The calls for a workspace's variables.</summary>
    public static VariableApi Api(WorkspaceScope scope, CommandCall call, StratusApiClient client)
    {
        var variables = scope.In(call, client).Variables;
        return new(
            (limit, continuation, ct) => variables.GetAsync(r => { r.QueryParameters.Limit = limit; r.QueryParameters.Continuation = continuation; }, ct),
            (body, ct) => variables.PostAsync(body, cancellationToken: ct),
            (id, ct) => variables[id].GetAsync(cancellationToken: ct),
            (id, body, ct) => variables[id].PatchAsync(body, cancellationToken: ct),
            (id, ct) => variables[id].DeleteAsync(cancellationToken: ct));
    }

    private static string From(VariableSourceResponse? source) => source is null ? "" : source.Kind == "collection" ? $"collection {source.Name} (priority {source.Priority})" : $"{source.Kind} {source.Name}";
}
