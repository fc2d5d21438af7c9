using Stratus.Infra.Schedules;
using Stratus.Infra.Templates;

namespace Stratus.Cli.Commands.Infra;

/// <summary>
/// Checks a template file before it is sent. The API has no validation endpoint and no dry run, so this runs the parser
/// the API runs on save (<see cref="TclParser"/>, with the same cron check), as built into this CLI: a server of
/// another version may judge differently, and creating or updating the template checks again there.
/// </summary>
internal static class TemplateValidation
{
    public const string Note = "Checked here with the TCL parser the API uses (this CLI's copy); the API checks again when the template is created or updated.";

    public static TclParseResult Check(string tcl) =>
        TclParser.Parse(tcl, text => QuartzCronExpression.TryParse(text, out _, out var problem) ? null : problem);
}
