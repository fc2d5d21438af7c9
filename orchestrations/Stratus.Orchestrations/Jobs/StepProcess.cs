using System.Text;
using Stratus.Infra.Execution;
using Stratus.Infra.Templates;
using Stratus.Processes;

namespace Stratus.Orchestrations.Jobs;

/// <summary>Runs terraform and template commands for one step: same binary, folder, environment, masking and log.</summary>
internal sealed class StepProcess(string binary, string module, IReadOnlyDictionary<string, string> environment, LogMasker masker, StepLog log)
{
    public string Module => module;

    public StepLog Log => log;

    public Task<int> TerraformAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        log.Write("$ terraform " + string.Join(' ', arguments));
        return ProcessRunner.RunAsync(Spec(arguments), log.Write, cancellationToken);
    }

    /// <summary>Runs terraform and returns its standard output (e.g. <c>output -json</c>); errors go to the log.</summary>
    public async Task<(int ExitCode, string Output)> CaptureAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        using var output = new MemoryStream();
        var exit = await ProcessRunner.RunAsync(Spec(arguments), output, log.Write, cancellationToken);
        return (exit, Encoding.UTF8.GetString(output.ToArray()));
    }

    public Task<ScriptRunResult> ScriptsAsync(IEnumerable<TclCommand> commands, CancellationToken cancellationToken) =>
        ScriptRunner.RunAsync(commands.Select(c => new ScriptCommand(c.Script, c.Priority, c.Runtime)), module, environment, masker, log.Write, cancellationToken);

    // An interrupt first lets terraform release its state lock and stop its provisioners; the tree is killed after.
    private ProcessSpec Spec(IReadOnlyList<string> arguments) => new(binary, arguments, module)
    {
        Environment = environment,
        Masker = masker,
        GracefulStopTimeout = TimeSpan.FromSeconds(20),
    };
}
