using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using Stratus.Cli.Api;
using Stratus.Cli.Output;
using Stratus.Client.Models;

namespace Stratus.Cli.Commands.Infra;

/// <summary>
/// <c>stratus template list|show|create|update|delete --org &lt;org&gt;</c> and <c>validate &lt;file&gt;</c>: an organization's
/// templates (Terrakube's TCL, YAML), written from files.
/// </summary>
internal static class TemplateCommands
{
    private static readonly string[] Headers = ["Id", "Name", "Description", "Updated", "Updated by"];
    private static readonly string[] ProblemHeaders = ["Line", "Column", "Field", "Problem"];

    public static Command Create(CliContext context) => new("template", "Manages an organization's templates (TCL): the flows a job runs.")
    {
        List(context),
        Show(context),
        CreateTemplate(context),
        Update(context),
        Delete(context),
        Validate(context),
    };

    private static Command List(CliContext context)
    {
        var scope = new OrganizationScope();
        var command = new Command("list", "Lists an organization's templates.");
        scope.AddTo(command);
        context.SetAction(command, async (call, ct) =>
            call.Output.ShowList(await call.Client.ListAllAsync((c, limit, continuation, ct) => scope.In(call, c).Templates.GetAsync(r => { r.QueryParameters.Limit = limit; r.QueryParameters.Continuation = continuation; }, ct), page => page.Items, null, ct), $"No templates in {scope.Describe(call)}.", Headers,
                t => [t.Id, t.Name, Cells.Text(t.Description), Cells.Time(t.UpdatedAt), t.UpdatedBy]));
        return command;
    }

    private static Command Show(CliContext context)
    {
        var scope = new OrganizationScope();
        var command = new Command("show", "Shows a template with its TCL.");
        scope.AddTo(command);
        var id = Id(command);
        context.SetAction(command, async (call, ct) =>
            call.Output.Show(await call.Client.Call((c, ct) => scope.In(call, c).Templates[call.Get(id)].GetAsync(cancellationToken: ct), ct), t => new Rows(
                InfraOutput.Settings(
                [
                    ["Id", t.Id],
                    ["Name", t.Name],
                    ["Description", Cells.Text(t.Description)],
                    ["Updated", $"{Cells.Time(t.UpdatedAt)} by {t.UpdatedBy}"],
                ]),
                new Text(t.Tcl is { } tcl && tcl.EndsWith('\n') ? tcl : t.Tcl + "\n"))));
        return command;
    }

    private static Command CreateTemplate(CliContext context)
    {
        var scope = new OrganizationScope();
        var file = File("The TCL (YAML) file, or - for standard input.", required: true);
        var name = new Option<string?>("--name", "-n") { Description = "The template's name (default: the file's name without its extension); its id is the name's slug." };
        var description = new Option<string?>("--description", "-d") { Description = "What the template does." };
        var templateId = new Option<string?>("--id") { Description = "The id, when it should not be the name's slug." };
        var command = new Command("create", "Adds a template from a file; the API refuses it with every problem listed if its TCL is invalid.") { file, name, description, templateId };
        scope.AddTo(command);
        context.SetAction(command, async (call, ct) =>
        {
            var path = call.Get(file)!;
            var tcl = await TemplateFile.ReadAsync(call, path, ct);
            var templateName = call.Get(name) ?? (path == "-" ? throw new CliException("A template read from standard input needs --name.") : TemplateName(path));
            var body = new TemplateRequest { Id = call.Get(templateId), Name = templateName, Description = call.Get(description), Tcl = tcl };
            var created = await call.Client.Call((c, ct) => scope.In(call, c).Templates.PostAsync(body, cancellationToken: ct), ct);
            InfraOutput.Changed(call, created, $"Created template {created.Value.Id} ({created.Value.Name}) in {scope.Describe(call)}.");
        });
        return command;
    }

    private static Command Update(CliContext context)
    {
        var scope = new OrganizationScope();
        var file = File("A new TCL (YAML) file, or - for standard input.", required: false);
        var name = new Option<string?>("--name", "-n") { Description = "A new name (the id stays)." };
        var description = new Option<string?>("--description", "-d") { Description = "A new description." };
        var command = new Command("update", "Replaces a template's TCL, name or description; queued jobs keep the TCL they started with.") { file, name, description };
        scope.AddTo(command);
        var id = Id(command);
        context.SetAction(command, async (call, ct) =>
        {
            if (call.Get(file) is null && call.Get(name) is null && call.Get(description) is null)
            {
                throw new CliException("Nothing to change.", "Give --file, --name or --description.");
            }

            var current = (await call.Client.Call((c, ct) => scope.In(call, c).Templates[call.Get(id)].GetAsync(cancellationToken: ct), ct)).Value;
            var tcl = call.Get(file) is { } given ? await TemplateFile.ReadAsync(call, given, ct) : current.Tcl;
            var body = new TemplateRequest { Name = call.Get(name) ?? current.Name, Description = call.Get(description) ?? current.Description, Tcl = tcl };
            var replaced = await call.Client.Call((c, ct) => scope.In(call, c).Templates[call.Get(id)].PutAsync(body, cancellationToken: ct), ct);
            if (call.Output.IsJson)
            {
                call.Output.Json(replaced.Json);
            }

            call.Output.Success($"Updated template {current.Id} in {scope.Describe(call)}.");
        });
        return command;
    }

    private static Command Delete(CliContext context)
    {
        var scope = new OrganizationScope();
        var command = new Command("delete", "Removes a template (jobs that used it keep their record).");
        scope.AddTo(command);
        var id = Id(command);
        context.SetAction(command, async (call, ct) =>
        {
            await call.Client.Call((c, ct) => scope.In(call, c).Templates[call.Get(id)].DeleteAsync(cancellationToken: ct), ct);
            call.Output.Success($"Deleted template {call.Get(id)} from {scope.Describe(call)}.");
        });
        return command;
    }

    private static Command Validate(CliContext context)
    {
        var scope = new OrganizationScope();
        var file = new Argument<string>("file") { Description = "The TCL (YAML) file, or - for standard input." };
        var command = new Command("validate", "Checks a template file as the API would on save, without saving it: every problem with its line and field; exit 1 when there is one.") { file };
        scope.AddTo(command);
        context.SetAction(command, async (call, ct) =>
        {
            var path = call.Get(file);
            var tcl = await TemplateFile.ReadAsync(call, path, ct);
            var checkedTemplate = await call.Client.Call((c, ct) => scope.In(call, c).Templates.Validate.PostAsync(new TemplateValidationRequest { Tcl = tcl }, cancellationToken: ct), ct);
            var valid = checkedTemplate.Value.Valid == true;
            var errors = checkedTemplate.Value.Errors ?? [];
            var flows = checkedTemplate.Value.Flows ?? [];
            if (call.Output.IsJson)
            {
                call.Output.Json(checkedTemplate.Json);
            }
            else if (!valid)
            {
                call.Output.Write(CliOutput.Table(ProblemHeaders, errors.Select(p => new[]
                {
                    Number(p.Line), Number(p.Column), Cells.Text(p.Field), p.Message,
                })));
            }
            else
            {
                call.Output.Success($"{path} is a valid template with {flows.Count} flow{(flows.Count == 1 ? "" : "s")}: {string.Join(", ", flows.Select(f => $"{Number(f.Step)} {f.Type}"))}.");
            }

            if (!valid)
            {
                call.Output.Error($"{path} has {errors.Count} problem{(errors.Count == 1 ? "" : "s")}.", $"The first: {errors.FirstOrDefault()?.Text}.");
                return 1;
            }

            return 0;
        });
        return command;
    }

    private static string Number(int? value) => (value ?? 0).ToString(CultureInfo.InvariantCulture);

    private static Option<string?> File(string description, bool required) => new("--file", "-f") { Description = description, Required = required };

    private static Argument<string> Id(Command command)
    {
        var id = new Argument<string>("id") { Description = "The template's id (the slug of its name, such as plan-and-apply)." };
        command.Arguments.Add(id);
        return id;
    }

    /// <summary>"plan-and-apply.yaml" → "plan-and-apply".</summary>
    private static string TemplateName(string path)
    {
        var name = Path.GetFileName(path);
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 ? name[..dot] : name;
    }
}
