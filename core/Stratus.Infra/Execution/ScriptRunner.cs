using System.Globalization;
using Stratus.Processes;

namespace Stratus.Infra.Execution;

/// <summary>
/// Runs TCL commands in priority order with <c>bash -euo pipefail -c</c>, in the step's folder, with the step's
/// environment and log masking; the first failure stops the rest, as in Terrakube.
/// </summary>
public static class ScriptRunner
{
    public static async Task<ScriptRunResult> RunAsync(
        IEnumerable<ScriptCommand> commands,
        string workingDirectory,
        IReadOnlyDictionary<string, string> environment,
        LogMasker masker,
        Action<string> onLine,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commands);
        ArgumentNullException.ThrowIfNull(onLine);

        // OrderBy is stable: equal priorities keep the template's order.
        var ordered = commands.OrderBy(c => c.Priority).ToList();
        var ran = 0;
        foreach (var command in ordered)
        {
            if (!string.Equals(command.Runtime, ScriptCommand.Bash, StringComparison.OrdinalIgnoreCase))
            {
                onLine(string.Create(CultureInfo.InvariantCulture, $"Script with priority {command.Priority} uses runtime '{command.Runtime}'; only BASH is supported."));
                return new ScriptRunResult(false, ran, command, -1);
            }

            onLine(string.Create(CultureInfo.InvariantCulture, $"Running script {ran + 1} of {ordered.Count} (priority {command.Priority})"));
            var spec = new ProcessSpec("bash", ["-euo", "pipefail", "-c", command.Script], workingDirectory)
            {
                Environment = environment,
                Masker = masker,
            };
            var exitCode = await ProcessRunner.RunAsync(spec, onLine, cancellationToken);
            ran++;
            if (exitCode != 0)
            {
                onLine(string.Create(CultureInfo.InvariantCulture, $"Script {ran} exited with code {exitCode}; the remaining scripts are skipped."));
                return new ScriptRunResult(false, ran, command, exitCode);
            }
        }

        return ScriptRunResult.Success(ran);
    }
}
