using System.Collections.Concurrent;
using Stratus.Processes;

namespace Stratus.Sandbox.Process;

/// <summary>
/// Development only: runs the step as a plain child process of the API, as its own user, with its files, network and
/// (in Azure) its identity. Only the spec's environment (plus PATH, HOME and locale, as <see cref="ProcessRunner"/>
/// passes them) reaches the step. Steps live in this process's memory: a restarted control plane finds none, so the
/// job fails with a reason and the state lock is released. Refused at start unless explicitly allowed.
/// </summary>
internal sealed class ProcessStepSandbox(SandboxOptions options) : IStepSandbox
{
    public const string DriverName = "process";
    private readonly ConcurrentDictionary<string, RunningStep> _steps = new(StringComparer.Ordinal);

    public string Driver => DriverName;

    public string? Unavailable => null;

    public Task StartAsync(StepSandboxSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var environment = new Dictionary<string, string>(spec.Environment, StringComparer.Ordinal);
        if (spec.Tools.Count > 0)
        {
            // Tools by name, as the podman driver mounts them: links in a folder put first on PATH.
            var bin = Directory.CreateDirectory(Path.Combine(spec.WorkingDirectory, ".stratus-tools")).FullName;
            foreach (var (name, path) in spec.Tools)
            {
                var link = Path.Combine(bin, name);
                File.Delete(link);
                File.CreateSymbolicLink(link, Path.GetFullPath(path));
            }

            environment["PATH"] = bin + Path.PathSeparator + (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin");
        }

        var step = new RunningStep(environment);
        if (!_steps.TryAdd(spec.Name, step))
        {
            step.Dispose();
            throw new SandboxAlreadyExistsException(spec.Name);
        }

        var process = new ProcessSpec(spec.Command[0], spec.Command.Skip(1).ToList(), spec.WorkingDirectory)
        {
            Environment = environment,
            GracefulStopTimeout = options.StopGracePeriod,
        };
        step.Start(process);
        return Task.CompletedTask;
    }

    public Task<SandboxInfo> InspectAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(_steps.TryGetValue(name, out var step)
            ? new SandboxInfo(name, step.ExitCode is null ? SandboxStatus.Running : SandboxStatus.Exited, step.ExitCode, step.Environment)
            : SandboxInfo.Missing(name));

    public async Task<int> FollowAsync(string name, long fromLine, Action<string> onLine, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onLine);
        if (!_steps.TryGetValue(name, out var step))
        {
            throw new SandboxMissingException(name);
        }

        var next = fromLine;
        while (true)
        {
            var (lines, changed, exitCode) = step.Read(next);
            foreach (var line in lines)
            {
                onLine(line);
            }

            next += lines.Count;
            if (exitCode is { } code && lines.Count == 0)
            {
                return code;
            }

            if (lines.Count == 0)
            {
                await changed.WaitAsync(cancellationToken);
            }
        }
    }

    public async Task StopAsync(string name, TimeSpan gracePeriod, CancellationToken cancellationToken)
    {
        // The grace period was fixed at start (ProcessSpec.GracefulStopTimeout: SIGINT to the tree, kill after).
        if (_steps.TryGetValue(name, out var step))
        {
            await step.StopAsync();
        }
    }

    public async Task RemoveAsync(string name, CancellationToken cancellationToken)
    {
        if (_steps.TryRemove(name, out var step))
        {
            await step.StopAsync();
            step.Dispose();
        }
    }
}
