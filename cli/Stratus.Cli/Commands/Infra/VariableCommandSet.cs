using System.CommandLine;
using Spectre.Console.Rendering;
using Stratus.Cli.Api;
using Stratus.Cli.Output;
using Stratus.Client.Models;
using StratusApiClient = Stratus.Client.StratusApiClient;

namespace Stratus.Cli.Commands.Infra;

/// <summary>
/// <c>list|create|show|update|delete</c> for one kind of variable (workspace variables, organization globals, a
/// collection's items): the API gives them the same shape under different paths. A variable is named by its id or its
/// key. Sensitive values are write-only: give them with <c>--value-stdin</c> to keep them out of the shell's history.
/// </summary>
internal sealed class VariableCommandSet<TScope>(CliContext context, Func<TScope> newScope, Func<TScope, CommandCall, StratusApiClient, VariableApi> api, string noun, string commandName)
    where TScope : IInfraScope
{
    private static readonly string[] Headers = ["Key", "Value", "Category", "HCL", "Description", "Id"];

    public IEnumerable<Command> Commands() => [List(), CreateVariable(), Show(), Update(), Delete()];

    private Command List()
    {
        var scope = newScope();
        var command = new Command("list", $"Lists the {noun}s.");
        scope.AddTo(command);
        context.SetAction(command, async (call, ct) =>
            call.Output.ShowList(await ListAsync(call, scope, ct), $"No {noun}s in {scope.Describe(call)}.", Headers, Row));
        return command;
    }

    private Command CreateVariable()
    {
        var scope = newScope();
        var command = new Command("create", $"Creates a {noun}.");
        scope.AddTo(command);
        var key = new Argument<string>("key") { Description = "The variable's name, such as region or AWS_REGION." };
        command.Arguments.Add(key);
        var options = new VariableValueOptions(command);
        context.SetAction(command, async (call, ct) =>
        {
            var body = options.Body(call);
            body.Key = call.Get(key);
            var created = await call.Client.Call((c, ct) => api(scope, call, c).Create(body, ct), ct);
            InfraOutput.Changed(call, created, $"Created {noun} {created.Value.Key} ({created.Value.Id}) in {scope.Describe(call)}.");
        });
        return command;
    }

    private Command Show()
    {
        var scope = newScope();
        var command = new Command("show", $"Shows a {noun} (a sensitive value is never shown).");
        scope.AddTo(command);
        var variable = Variable(command);
        context.SetAction(command, async (call, ct) =>
        {
            var id = await IdAsync(call, scope, call.Get(variable), ct);
            call.Output.Show(await call.Client.Call((c, ct) => api(scope, call, c).Get(id, ct), ct), Render);
        });
        return command;
    }

    private Command Update()
    {
        var scope = newScope();
        var command = new Command("update", $"Changes a {noun}; only the options given change.");
        scope.AddTo(command);
        var variable = Variable(command);
        var options = new VariableValueOptions(command);
        context.SetAction(command, async (call, ct) =>
        {
            var body = options.Body(call);
            if (body is { Value: null, Description: null, Category: null, Sensitive: null, Hcl: null })
            {
                throw new CliException("Nothing to change.", "Give --value (or --value-stdin), --description, --category, --sensitive, --hcl or --no-hcl.");
            }

            var id = await IdAsync(call, scope, call.Get(variable), ct);
            var updated = await call.Client.Call((c, ct) => api(scope, call, c).Update(id, body, ct), ct);
            InfraOutput.Changed(call, updated, $"Updated {noun} {updated.Value.Key} in {scope.Describe(call)}.");
        });
        return command;
    }

    private Command Delete()
    {
        var scope = newScope();
        var command = new Command("delete", $"Deletes a {noun}.");
        scope.AddTo(command);
        var variable = Variable(command);
        context.SetAction(command, async (call, ct) =>
        {
            var id = await IdAsync(call, scope, call.Get(variable), ct);
            await call.Client.Call((c, ct) => api(scope, call, c).Delete(id, ct), ct);
            call.Output.Success($"Deleted {noun} {call.Get(variable)} from {scope.Describe(call)}.");
        });
        return command;
    }

    private static Argument<string> Variable(Command command)
    {
        var variable = new Argument<string>("variable") { Description = "The variable's key or id." };
        command.Arguments.Add(variable);
        return variable;
    }

    /// <summary>The id of the variable named by <paramref name="keyOrId"/>; a <see cref="CliException"/> when none is.</summary>
    private async Task<string> IdAsync(CommandCall call, TScope scope, string keyOrId, CancellationToken cancellationToken)
    {
        var all = (await ListAsync(call, scope, cancellationToken)).Value;
        return (all.FirstOrDefault(v => v.Id == keyOrId) ?? all.FirstOrDefault(v => v.Key == keyOrId))?.Id
            ?? throw new CliException($"There is no {noun} '{keyOrId}' in {scope.Describe(call)}.", $"See them with 'stratus {commandName} list'.");
    }

    private Task<ApiResult<IReadOnlyList<VariableResponse>>> ListAsync(CommandCall call, TScope scope, CancellationToken cancellationToken) =>
        call.Client.ListAllAsync((c, limit, continuation, ct) => api(scope, call, c).List(limit, continuation, ct), page => page.Items, null, cancellationToken);

    private static string?[] Row(VariableResponse v) => [v.Key, Value(v), Category(v), v.Hcl == true ? "yes" : "no", Cells.Text(v.Description), v.Id];

    private static string Value(VariableResponse v) => v.Sensitive == true ? (v.HasValue == true ? VariableValueOptions.Masked : "(no value)") : v.Value ?? "";

    /// <summary>The category as the API spells it (TERRAFORM, ENV).</summary>
    private static string? Category(VariableResponse v) => v.Category?.ToString();

    private static IRenderable Render(VariableResponse v) => InfraOutput.Settings(
    [
        ["Key", v.Key],
        ["Id", v.Id],
        ["Value", Value(v)],
        ["Category", Category(v)],
        ["Sensitive", v.Sensitive == true ? "yes" : "no"],
        ["HCL", v.Hcl == true ? "yes" : "no"],
        ["Description", Cells.Text(v.Description)],
        ["Updated", $"{Cells.Time(v.UpdatedAt)} by {v.UpdatedBy}"],
    ]);
}
