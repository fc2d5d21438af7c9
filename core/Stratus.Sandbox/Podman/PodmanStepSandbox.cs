using System.Globalization;
using System.Text.Json.Nodes;
using Stratus.Containers.Tools;
using Stratus.Processes;

namespace Stratus.Sandbox.Podman;

/// <summary>
/// Runs each step as a detached podman container: the working directory is the only host path mounted (read-write,
/// at the same path), tools are mounted read-only, the root file system is read-only (tmpfs /tmp), the step runs as a
/// non-root user without capabilities, with CPU, memory and process limits, on the host network (the only mode these
/// machines allow), and with only its spec's environment. conmon, not Stratus, is the container's parent, so the step
/// outlives a control plane that dies.
/// </summary>
internal sealed class PodmanStepSandbox(ContainerToolsEnvironment tools, SandboxOptions options, StepImageBuilder images, TimeProvider time) : IStepSandbox
{
    public const string DriverName = "podman";
    private const string StepLabel = "io.stratus.step";

    public string Driver => DriverName;

    public string? Unavailable =>
        ContainerToolsEnvironment.IsInstalled(tools.Options.PodmanPath) ? images.Unavailable : $"podman is not installed ('{tools.Options.PodmanPath}' is not on PATH): install podman, or see {SandboxOptions.SectionName}:Driver.";

    public async Task StartAsync(StepSandboxSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (Unavailable is { } reason)
        {
            throw new InvalidOperationException(reason);
        }

        await images.EnsureAsync(cancellationToken);
        var (user, userns) = StepUser(spec.WorkingDirectory);
        var arguments = new List<string>
        {
            "run", "--detach", "--name", spec.Name, "--label", StepLabel + "=true",
            "--network", "host", "--init", "--read-only", "--read-only-tmpfs",
            "--cap-drop", "all", "--security-opt", "no-new-privileges",
            "--user", user,
            "--cpus", options.Cpus.ToString(CultureInfo.InvariantCulture),
            "--memory", options.MemoryMiB.ToString(CultureInfo.InvariantCulture) + "m",
            "--pids-limit", options.PidsLimit.ToString(CultureInfo.InvariantCulture),
            "--log-driver", "k8s-file",
            "--volume", $"{spec.WorkingDirectory}:{spec.WorkingDirectory}:rw",
            "--workdir", spec.WorkingDirectory,
        };
        arguments.AddRange(userns);
        foreach (var (name, path) in spec.Tools)
        {
            arguments.Add("--volume");
            arguments.Add($"{Path.GetFullPath(path)}:/usr/local/bin/{name}:ro");
        }

        foreach (var (target, source) in spec.ReadOnlyMounts)
        {
            arguments.Add("--volume");
            arguments.Add($"{source}:{target}:ro");
        }

        // An env file keeps secret values off podman's command line (other users can read /proc/*/cmdline); it is
        // deleted as soon as podman has read it. podman keeps the values in the container's configuration until removal.
        var envFile = Path.Combine(Path.GetTempPath(), $"stratus-env-{Guid.NewGuid():N}");
        try
        {
            await WriteEnvFileAsync(envFile, spec.Environment, cancellationToken);
            arguments.Add("--env-file");
            arguments.Add(envFile);
            arguments.Add(options.Image);
            arguments.AddRange(spec.Command);
            var (exit, output) = await RunAsync(arguments, CancellationToken.None);
            if (exit != 0)
            {
                if (output.Any(line => line.Contains("already in use", StringComparison.Ordinal)))
                {
                    throw new SandboxAlreadyExistsException(spec.Name);
                }

                throw new InvalidOperationException($"podman could not start step sandbox '{spec.Name}' ({exit}): {string.Join(" | ", output.TakeLast(5))}");
            }
        }
        finally
        {
            File.Delete(envFile);
        }
    }

    public async Task<SandboxInfo> InspectAsync(string name, CancellationToken cancellationToken) => (await InspectStateAsync(name, cancellationToken)).Info;

    /// <returns>What callers see, and podman's own state word (<c>created</c>, <c>running</c>, <c>exited</c>…).</returns>
    private async Task<(SandboxInfo Info, string State)> InspectStateAsync(string name, CancellationToken cancellationToken)
    {
        using var stdout = new MemoryStream();
        var exit = await ProcessRunner.RunAsync(tools.Spec(tools.Options.PodmanPath, ["container", "inspect", "--format", "json", name], "/"), stdout, _ => { }, cancellationToken);
        stdout.Position = 0;
        if (exit != 0 || stdout.Length == 0 || JsonNode.Parse(stdout) is not JsonArray { Count: > 0 } found || found[0] is not JsonObject container)
        {
            return (SandboxInfo.Missing(name), "");
        }

        var state = container["State"];
        var status = state?["Status"]?.GetValue<string>() ?? "";
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in container["Config"]?["Env"] as JsonArray ?? [])
        {
            if (entry?.GetValue<string>() is { } pair && pair.IndexOf('=', StringComparison.Ordinal) is var at and > 0)
            {
                environment[pair[..at]] = pair[(at + 1)..];
            }
        }

        return (status is "exited" or "stopped"
            ? new SandboxInfo(name, SandboxStatus.Exited, state?["ExitCode"]?.GetValue<int>() ?? -1, environment)
            : new SandboxInfo(name, SandboxStatus.Running, null, environment), status);
    }

    public async Task<int> FollowAsync(string name, long fromLine, Action<string> onLine, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onLine);
        var (found, podmanState) = await InspectStateAsync(name, cancellationToken);
        if (found.Status == SandboxStatus.Missing)
        {
            throw new SandboxMissingException(name);
        }

        // A control plane killed inside 'podman run' can leave the container created but never started: the step has
        // not run, and all it needs is in place, so it starts now instead of being waited for forever.
        if (podmanState is "created" or "configured" or "initialized")
        {
            await RunAsync(["start", name], cancellationToken);
        }

        // 'logs --follow' ends when the container exits; its stdout carries the step's merged output (the step script
        // sends stderr to stdout so lines keep their order).
        long seen = 0;
        await ProcessRunner.RunAsync(tools.Spec(tools.Options.PodmanPath, ["logs", "--follow", name], "/"), line =>
        {
            if (seen++ >= fromLine)
            {
                onLine(line);
            }
        }, cancellationToken);

        // 'logs' may return a moment before podman records the exit: wait for the recorded state.
        while (true)
        {
            var info = await InspectAsync(name, cancellationToken);
            switch (info.Status)
            {
                case SandboxStatus.Exited:
                    return info.ExitCode ?? -1;
                case SandboxStatus.Missing:
                    throw new SandboxMissingException(name);
                default:
                    await RunAsync(["wait", name], cancellationToken);
                    break;
            }
        }
    }

    public async Task StopAsync(string name, TimeSpan gracePeriod, CancellationToken cancellationToken)
    {
        if ((await InspectAsync(name, cancellationToken)).Status != SandboxStatus.Running)
        {
            return;
        }

        // Every process but the init gets the interrupt, as a terminal's Ctrl-C would: terraform and its providers stop
        // cleanly and release the state lock.
        await RunAsync(["exec", name, "/bin/busybox", "kill", "-INT", "-1"], cancellationToken);
        var deadline = time.GetUtcNow() + gracePeriod;
        while (time.GetUtcNow() < deadline)
        {
            if ((await InspectAsync(name, cancellationToken)).Status != SandboxStatus.Running)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), time, cancellationToken);
        }

        await RunAsync(["kill", "--signal", "KILL", name], cancellationToken);
        await RunAsync(["wait", name], cancellationToken);
    }

    public async Task RemoveAsync(string name, CancellationToken cancellationToken)
    {
        var (exit, output) = await RunAsync(["rm", "--force", "--ignore", "--time", "0", name], cancellationToken);
        if (exit != 0)
        {
            throw new InvalidOperationException($"podman could not remove step sandbox '{name}' ({exit}): {string.Join(" | ", output.TakeLast(5))}");
        }
    }

    // As root, the step runs as the configured uid, which then owns its working directory. Rootless, keep-id maps the
    // caller's own uid into the container, so the directory stays the caller's and nothing runs as (mapped) root.
    private (string User, IReadOnlyList<string> Userns) StepUser(string workingDirectory)
    {
        if (NativeMethods.IsRoot)
        {
            ChownTree(workingDirectory, options.UserId);
            var id = options.UserId.ToString(CultureInfo.InvariantCulture);
            return ($"{id}:{id}", []);
        }

        var own = NativeMethods.EffectiveUserId.ToString(CultureInfo.InvariantCulture);
        return ($"{own}:{own}", ["--userns", "keep-id"]);
    }

    // Links in the source (a clone may hold any) are changed themselves and never followed out of the tree.
    private static void ChownTree(string path, int id)
    {
        NativeMethods.Chown(path, id);
        foreach (var entry in new DirectoryInfo(path).EnumerateFileSystemInfos())
        {
            if (entry.LinkTarget is null && entry is DirectoryInfo)
            {
                ChownTree(entry.FullName, id);
            }
            else
            {
                NativeMethods.Chown(entry.FullName, id);
            }
        }
    }

    private static async Task WriteEnvFileAsync(string path, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        foreach (var (key, value) in environment)
        {
            if (value.Contains('\n', StringComparison.Ordinal) || value.Contains('\r', StringComparison.Ordinal))
            {
                throw new ArgumentException($"The step variable '{key}' holds a line break, which podman's env file cannot carry.", nameof(environment));
            }

            lines.Add($"{key}={value}");
        }

        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var file = new FileStream(path, create);
        await using var writer = new StreamWriter(file);
        foreach (var line in lines)
        {
            await writer.WriteAsync(line.AsMemory(), cancellationToken);
            await writer.WriteAsync('\n');
        }
    }

    private async Task<(int Exit, IReadOnlyList<string> Output)> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var output = new List<string>();
        var exit = await ProcessRunner.RunAsync(tools.Spec(tools.Options.PodmanPath, arguments, "/"), line =>
        {
            lock (output)
            {
                output.Add(line);
            }
        }, cancellationToken);
        return (exit, output);
    }
}
