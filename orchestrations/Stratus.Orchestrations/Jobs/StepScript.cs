using System.Globalization;
using System.Text;
using Stratus.Infra.Execution;
using Stratus.Infra.Templates;
using Stratus.Sandbox;

namespace Stratus.Orchestrations.Jobs;

/// <summary>
/// Writes the one script a step's sandbox runs: terraform init, the <c>before</c> commands, the operation, then
/// <c>after</c> (or <c>onFailure</c> when anything failed), leaving the outcome, the plan's exit code and
/// <c>terraform output -json</c> in <see cref="StepFiles"/>. Template commands run as in Terrakube: plain <c>bash</c>
/// (no <c>-e</c>, no <c>pipefail</c>) or <c>groovy</c>, in priority order, the first failure stopping the rest, each
/// after loading what earlier scripts left in <c>$workingDirectory/.terrakube_temp_env</c>. The plan is at
/// <see cref="StepFiles.PlanFileName"/> in the workspace folder, where Terrakube's scripts look for it. The script never
/// holds a secret: it reads the environment from <see cref="StepFiles.Environment"/>.
/// </summary>
internal static class StepScript
{
    public static void Write(StepFiles files, string module, TclFlow flow, string? phase, bool savedPlan, GroovyInstallation? groovy = null)
    {
        var script = new StringBuilder()
            .Append("# Written by Stratus: one job step, run inside its sandbox.\n")
            .Append("exec 2>&1\n")
            .Append("S=").Append(Quote(files.Scratch)).Append('\n')
            .Append("while IFS= read -r -d '' entry; do export \"$entry\"; done < \"$S/step.env\"\n")
            .Append("finish() { printf '%s\\n%s\\n' \"$1\" \"$2\" > \"$S/result.tmp\" && mv \"$S/result.tmp\" \"$S/result\"; }\n")
            // Terrakube's way for a script to hand variables to the next ones (and to terraform): NAME=value lines.
            .Append("load_temp_env() {\n")
            .Append("  [ -f \"$terrakubeEnv\" ] || return 0\n")
            .Append("  while IFS= read -r line || [ -n \"$line\" ]; do case $line in *=*) export \"${line%%=*}=${line#*=}\" 2>/dev/null ;; esac; done < \"$terrakubeEnv\"\n")
            .Append("}\n")
            .Append("run_groovy() {\n");
        if (groovy is null)
        {
            script.Append("  echo ").Append(Quote(GroovyInstallation.NotInstalled)).Append("\n  return 127\n");
        }
        else
        {
            WritePrivate(files.GroovyRunner, GroovyRunner);
            script.Append("  ").Append(groovy.Launcher).Append(" \"$S/").Append(Path.GetFileName(files.GroovyRunner)).Append("\" \"$1\"\n");
        }

        script.Append("}\n")
            .Append("run_script() {\n")
            .Append("  echo \"Running script $3 of $4 (priority $5, $1)\"\n")
            .Append("  load_temp_env\n")
            .Append("  if [ \"$1\" = GROOVY ]; then run_groovy \"$2\"; else bash \"$2\"; fi; local code=$?\n")
            .Append("  [ $code -eq 0 ] || echo \"Script $3 exited with code $code; the remaining scripts are skipped.\"\n")
            .Append("  return $code\n")
            .Append("}\n")
            .Append("cd -- ").Append(Quote(module)).Append(" || { finish failed 'The workspace folder is missing.'; exit 1; }\n")
            .Append("mkdir -p .terrakube/tools .terrakube/toolsRepository 2>/dev/null\n");

        script.Append("fail() {\n");
        if (flow.OnFailure.Count > 0 && phase is null)
        {
            script.Append("  echo 'Running onFailure commands.'\n");
            Commands(script, files, "onFailure", flow.OnFailure, _ => "true");
        }

        script.Append("  finish failed \"$1\"\n  exit 1\n}\n");

        if (phase == StepInput.OnReject)
        {
            script.Append("echo 'Running onReject commands.'\n");
            Commands(script, files, "onReject", flow.OnReject, _ => "fail \"An onReject command exited with $?.\"");
        }
        else if (flow.Type == TclFlowType.CustomScripts)
        {
            Commands(script, files, "script", flow.Commands, c => $"fail \"Script (priority {c.Priority.ToString(CultureInfo.InvariantCulture)}) exited with $?.\"");
        }
        else
        {
            // Terrakube's beforeInit commands: before init, so they can write what init reads (a backend override, a
            // .terraformrc, a provider mirror).
            Commands(script, files, "beforeInit", flow.Commands.Where(c => c.BeforeInit), _ => "fail \"A 'beforeInit' command exited with $?.\"");
            script.Append("load_temp_env\n");
            Terraform(script, TerraformCommands.Init(), "terraform init");
            if (flow.Type is TclFlowType.TerraformPlan or TclFlowType.TerraformPlanDestroy || savedPlan)
            {
                script.Append("ln -sf \"$S/").Append(StepFiles.PlanFileName).Append("\" ").Append(StepFiles.PlanFileName).Append('\n');
            }

            Commands(script, files, "before", flow.Commands.Where(c => c.Before), _ => "fail \"A 'before' command exited with $?.\"");
            script.Append("load_temp_env\n");
            Operation(script, files, flow, savedPlan);
            Commands(script, files, "after", flow.Commands.Where(c => c.After), _ => "fail \"An 'after' command exited with $?.\"");
        }

        script.Append("finish ok ''\n");
        WritePrivate(files.Script, script.ToString());
    }

    /// <summary>True when any command the step may run needs the GROOVY runtime.</summary>
    public static bool NeedsGroovy(TclFlow flow) =>
        flow.Commands.Concat(flow.OnFailure).Concat(flow.OnReject).Any(c => string.Equals(c.Runtime, TclCommand.GroovyRuntime, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Runs a template's Groovy script as Terrakube does: every variable of the step (Terrakube's script variables,
    /// environment and terraform variables) is a binding variable, and <c>terrakubeOutput</c> is a stream whose content
    /// is printed into the log once the script ends; <c>println</c> reaches the log directly.
    /// </summary>
    private const string GroovyRunner = """
        // Written by Stratus: runs one template script with Terrakube's bindings.
        def binding = new Binding()
        System.getenv().each { name, value -> binding.setVariable(name, value) }
        binding.setVariable('terraformOutputJson', System.getenv('terraformOutput') ?: '')
        def terrakubeOutput = new ByteArrayOutputStream()
        binding.setVariable('terrakubeOutput', terrakubeOutput)
        new GroovyShell(binding).evaluate(new File(args[0]))
        def text = terrakubeOutput.toString('UTF-8')
        if (text) { println text }

        """;

    /// <summary>Writes a file only its owner may read (0600), replacing any earlier one.</summary>
    public static void WritePrivate(string path, string content) => WritePrivate(path, Encoding.UTF8.GetBytes(content));

    public static void WritePrivate(string path, byte[] content)
    {
        File.Delete(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var file = new FileStream(path, options);
        file.Write(content);
    }

    private static void Operation(StringBuilder script, StepFiles files, TclFlow flow, bool savedPlan)
    {
        switch (flow.Type)
        {
            case TclFlowType.TerraformPlan or TclFlowType.TerraformPlanDestroy:
                var plan = TerraformCommands.Plan(files.Plan, flow.Type == TclFlowType.TerraformPlanDestroy ? new TerraformPlanOptions(Destroy: true) : null);
                script.Append("echo ").Append(Quote("$ terraform " + string.Join(' ', plan))).Append('\n')
                    .Append("terraform ").AppendJoin(' ', plan.Select(Quote)).Append("; code=$?\n")
                    .Append("echo $code > \"$S/plan-exit-code\"\n")
                    .Append("case $code in 0|2) ;; *) fail \"terraform plan exited with $code.\" ;; esac\n");
                break;
            case TclFlowType.TerraformApply:
                Terraform(script, TerraformCommands.Apply(savedPlan ? files.Plan : null), "terraform apply");
                Outputs(script);
                break;
            case TclFlowType.TerraformDestroy:
                Terraform(script, TerraformCommands.Destroy(), "terraform destroy");
                Outputs(script);
                break;
            default:
                script.Append("fail ").Append(Quote($"Flow type '{flow.Type}' does not run on the executor.")).Append('\n');
                break;
        }
    }

    // Terrakube hands the outputs to the 'after' scripts as terraformOutput (and terraformOutputJson in Groovy).
    private static void Outputs(StringBuilder script) =>
        script.Append("terraform ").AppendJoin(' ', TerraformCommands.Output().Select(Quote)).Append(" > \"$S/outputs.json.tmp\" && mv \"$S/outputs.json.tmp\" \"$S/outputs.json\"\n")
            .Append("[ -f \"$S/outputs.json\" ] && export terraformOutput=\"$(cat \"$S/outputs.json\")\"\n");

    private static void Terraform(StringBuilder script, IReadOnlyList<string> arguments, string what) =>
        script.Append("echo ").Append(Quote("$ terraform " + string.Join(' ', arguments))).Append('\n')
            .Append("terraform ").AppendJoin(' ', arguments.Select(Quote)).Append(" || fail \"").Append(what).Append(" exited with $?.\"\n");

    private static void Commands(StringBuilder script, StepFiles files, string group, IEnumerable<TclCommand> commands, Func<TclCommand, string> onFailure)
    {
        // OrderBy is stable: equal priorities keep the template's order.
        var ordered = commands.OrderBy(c => c.Priority).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            var command = ordered[i];
            var priority = command.Priority.ToString(CultureInfo.InvariantCulture);
            var groovy = string.Equals(command.Runtime, TclCommand.GroovyRuntime, StringComparison.OrdinalIgnoreCase);
            if (!groovy && !string.Equals(command.Runtime, TclCommand.BashRuntime, StringComparison.OrdinalIgnoreCase))
            {
                script.Append("echo ").Append(Quote($"Script with priority {priority} uses runtime '{command.Runtime}'; only BASH and GROOVY are supported.")).Append('\n')
                    .Append("(exit 255) || ").Append(onFailure(command)).Append('\n');
                return;
            }

            var path = files.Command(group, i + 1, groovy ? "groovy" : "sh");
            WritePrivate(path, command.Script);
            script.Append(CultureInfo.InvariantCulture, $"run_script {(groovy ? "GROOVY" : "BASH")} {Quote(path)} {i + 1} {ordered.Count} {priority} || ").Append(onFailure(command)).Append('\n');
        }
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
