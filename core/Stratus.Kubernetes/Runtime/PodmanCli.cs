using System.Text.Json;
using System.Text.Json.Nodes;
using Stratus.Containers.Tools;
using Stratus.Processes;

namespace Stratus.Kubernetes.Runtime;

/// <summary>
/// Runs podman with the generated container tools configuration (never the machine's own), as a process tree that
/// cancellation kills. Commands that change something are echoed with their output to the caller's log.
/// </summary>
internal sealed class PodmanCli
{
    private readonly ContainerToolsEnvironment _tools;
    private readonly string _workingDirectory;

    public PodmanCli(ContainerToolsEnvironment tools, string workingDirectory)
    {
        _tools = tools;
        _workingDirectory = workingDirectory;
    }

    public string Executable => _tools.Options.PodmanPath;

    public ProcessSpec Spec(IReadOnlyList<string> arguments) => _tools.Spec(Executable, arguments, _workingDirectory);

    /// <summary>Runs podman; with a <paramref name="log"/>, the command line and every output line go there too.</summary>
    public async Task<PodmanCommandResult> RunAsync(IReadOnlyList<string> arguments, Action<string>? log, CancellationToken cancellationToken)
    {
        log?.Invoke("$ " + CommandLine(arguments));
        var output = new List<string>();
        var exitCode = await ProcessRunner.RunAsync(Spec(arguments), line =>
        {
            lock (output)
            {
                output.Add(line);
            }

            log?.Invoke(line);
        }, cancellationToken);
        return new PodmanCommandResult(exitCode, output);
    }

    /// <summary>Runs a podman command that prints JSON (<c>ps</c>, <c>inspect</c>); stderr is kept for the error message.</summary>
    public async Task<JsonArray> JsonArrayAsync(IReadOnlyList<string> arguments, bool allowFailure, CancellationToken cancellationToken)
    {
        using var stdout = new MemoryStream();
        var errors = new List<string>();
        var exitCode = await ProcessRunner.RunAsync(Spec(arguments), stdout, line =>
        {
            lock (errors)
            {
                errors.Add(line);
            }
        }, cancellationToken);
        stdout.Position = 0;
        JsonNode? parsed = null;
        if (stdout.Length > 0)
        {
            try
            {
                parsed = JsonNode.Parse(stdout);
            }
            catch (JsonException) when (exitCode != 0)
            {
                // The failure below says more than a truncated document.
            }
        }

        if (exitCode != 0 && !allowFailure)
        {
            throw new InvalidOperationException($"'{CommandLine(arguments)}' failed ({exitCode}): {string.Join(" | ", errors.TakeLast(5))}");
        }

        // 'inspect' of names that are partly gone exits 125 yet prints the ones it found.
        return parsed as JsonArray ?? [];
    }

    public static string CommandLine(IReadOnlyList<string> arguments) =>
        "podman " + string.Join(' ', arguments.Select(Quote));

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=,@%+".Contains(c, StringComparison.Ordinal))
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
