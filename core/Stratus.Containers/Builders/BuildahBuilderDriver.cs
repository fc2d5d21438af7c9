using System.Text.Json;
using Stratus.Containers.Tools;
using Stratus.Processes;

namespace Stratus.Containers.Builders;

/// <summary>
/// Builds with the local buildah (chroot isolation, the storage driver from <see cref="ContainerToolsOptions"/>, the
/// host network) and pushes with <c>buildah push --digestfile</c>. Each buildah call is one <see cref="ProcessRunner"/>
/// run: its lines stream to the log, and cancelling kills its process tree (the RUN step's processes included).
/// </summary>
internal sealed class BuildahBuilderDriver : IBuilderDriver
{
    /// <summary>Removing the working container must not hang forever after a cancel, nor be skipped because of it.</summary>
    private static readonly TimeSpan CleanupTimeout = TimeSpan.FromSeconds(60);

    private readonly ContainerToolsEnvironment _tools;

    public BuildahBuilderDriver(ContainerToolsEnvironment tools)
    {
        ArgumentNullException.ThrowIfNull(tools);
        _tools = tools;
    }

    public async Task<BuiltImage> BuildDockerfileAsync(DockerfileBuild request, Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(log);
        var context = Path.GetFullPath(request.ContextDirectory);
        if (!Directory.Exists(context))
        {
            throw new DirectoryNotFoundException($"The build context '{context}' does not exist.");
        }

        var dockerfile = Path.GetFullPath(Path.Combine(context, request.Dockerfile));
        if (!dockerfile.StartsWith(Path.TrimEndingDirectorySeparator(context) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The Dockerfile '{request.Dockerfile}' must be inside the build context.", nameof(request));
        }

        if (!File.Exists(dockerfile))
        {
            throw new FileNotFoundException($"The build context has no '{request.Dockerfile}'.", dockerfile);
        }

        var buildLog = new BuildLog(log);
        var work = Directory.CreateTempSubdirectory("stratus-build-").FullName;
        try
        {
            List<string> bud = ["bud", "--isolation", "chroot", "--network", "host", "--layers", "-f", dockerfile, "-t", request.Target];
            foreach (var (name, value) in request.BuildArgs.OrderBy(a => a.Key, StringComparer.Ordinal))
            {
                bud.AddRange(["--build-arg", $"{name}={value}"]);
            }

            foreach (var (name, value) in request.Labels.OrderBy(a => a.Key, StringComparer.Ordinal))
            {
                bud.AddRange(["--label", $"{name}={value}"]);
            }

            bud.Add(context);
            buildLog.Line($"Building {request.Target} from {request.Dockerfile}");
            await RunAsync("buildah bud", bud, work, buildLog, cancellationToken);
            return await PushAsync(request.Target, work, buildLog, cancellationToken);
        }
        finally
        {
            await RemoveImageQuietlyAsync(request.Target, work);
            DeleteQuietly(work);
        }
    }

    public async Task<BuiltImage> BuildWithHooksAsync(HookBuild request, Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(log);
        var source = Path.GetFullPath(request.SourceDirectory);
        if (!Directory.Exists(source))
        {
            throw new DirectoryNotFoundException($"The app source '{source}' does not exist.");
        }

        var buildLog = new BuildLog(log);
        var work = Directory.CreateTempSubdirectory("stratus-build-").FullName;
        var container = "stratus-build-" + Guid.NewGuid().ToString("N");
        var created = false;
        try
        {
            buildLog.Line($"Building {request.Target} from {request.BaseImage}");
            created = true;
            await RunAsync("buildah from", ["from", "--name", container, TlsVerify(request.BaseImage), request.BaseImage], work, buildLog, cancellationToken);

            // Trailing '/.' copies the folder's contents, not the folder itself.
            await RunAsync("buildah add", ["add", "--quiet", container, source + "/.", request.WorkingDirectory], work, buildLog, cancellationToken);

            List<string> environment = ["config", "--workingdir", request.WorkingDirectory];
            foreach (var (name, value) in request.Environment.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                environment.AddRange(["--env", $"{name}={value}"]);
            }

            environment.Add(container);
            await RunAsync("buildah config", environment, work, buildLog, cancellationToken);

            for (var i = 0; i < request.BuildHooks.Count; i++)
            {
                var hook = request.BuildHooks[i];
                buildLog.Line(FormattableString.Invariant($"---> Running hooks.build[{i}]: {hook}"));
                await RunAsync(FormattableString.Invariant($"hooks.build[{i}] '{hook}'"),
                    ["run", "--isolation", "chroot", "--network", "host", "--workingdir", request.WorkingDirectory, container, "--", "/bin/sh", "-lc", hook],
                    work, buildLog, cancellationToken);
            }

            List<string> config = ["config"];
            foreach (var port in request.Ports)
            {
                // buildah stores a bare number as is; OCI configs and Kubernetes expect "<port>/<protocol>".
                config.AddRange(["--port", port.Contains('/', StringComparison.Ordinal) ? port : port + "/tcp"]);
            }

            if (request.Command is { } command)
            {
                config.AddRange(["--cmd", JsonSerializer.Serialize(command)]);
            }

            if (request.Entrypoint is { } entrypoint)
            {
                config.AddRange(["--entrypoint", JsonSerializer.Serialize(entrypoint)]);
            }

            foreach (var (name, value) in request.Labels.OrderBy(l => l.Key, StringComparer.Ordinal))
            {
                config.AddRange(["--label", $"{name}={value}"]);
            }

            config.Add(container);
            await RunAsync("buildah config", config, work, buildLog, cancellationToken);
            await RunAsync("buildah commit", ["commit", "--quiet", container, request.Target], work, buildLog, cancellationToken);
            return await PushAsync(request.Target, work, buildLog, cancellationToken);
        }
        finally
        {
            if (created)
            {
                await QuietlyAsync(["rm", container], work);
            }

            await RemoveImageQuietlyAsync(request.Target, work);
            DeleteQuietly(work);
        }
    }

    private async Task<BuiltImage> PushAsync(string target, string work, BuildLog log, CancellationToken cancellationToken)
    {
        var digestFile = Path.Combine(work, "digest");
        log.Line($"Pushing {target}");
        await RunAsync("buildah push", ["push", "--digestfile", digestFile, TlsVerify(target), target, "docker://" + target], work, log, cancellationToken);
        var digest = (await File.ReadAllTextAsync(digestFile, cancellationToken)).Trim();
        if (!digest.StartsWith("sha256:", StringComparison.Ordinal))
        {
            throw new BuildFailedException("buildah push", 0, [.. log.Tail(), $"unexpected digest '{digest}'"]);
        }

        log.Line($"Pushed {target}@{digest}");
        return new BuiltImage(target, digest);
    }

    private string TlsVerify(string reference) =>
        ImageReferences.IsInsecure(reference, _tools.Options.InsecureRegistries) ? "--tls-verify=false" : "--tls-verify=true";

    private async Task RunAsync(string step, IReadOnlyList<string> arguments, string work, BuildLog log, CancellationToken cancellationToken)
    {
        var exitCode = await ProcessRunner.RunAsync(Spec(arguments, work), log.Line, cancellationToken);
        if (exitCode != 0)
        {
            throw new BuildFailedException(step, exitCode, log.Tail());
        }
    }

    // The local image only served the push; under vfs every image is a full copy of its rootfs, so drop the tag.
    // Intermediate --layers images stay as the next build's cache.
    private Task RemoveImageQuietlyAsync(string target, string work) => QuietlyAsync(["rmi", target], work);

    private async Task QuietlyAsync(IReadOnlyList<string> arguments, string work)
    {
        using var timeout = new CancellationTokenSource(CleanupTimeout);
        try
        {
            await ProcessRunner.RunAsync(Spec(arguments, work), static _ => { }, timeout.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException)
        {
            // Clean-up only: the build's own outcome is what the caller needs.
        }
    }

    private ProcessSpec Spec(IReadOnlyList<string> arguments, string work) =>
        _tools.Spec(_tools.Options.BuildahPath, ["--storage-driver", _tools.Options.StorageDriver, .. arguments], work);

    private static void DeleteQuietly(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover digest file in the temp folder is harmless.
        }
    }
}
