using Stratus.Containers.Tools;
using Stratus.Processes;

namespace Stratus.Sandbox.Podman;

/// <summary>
/// Builds the step image offline when podman's store lacks it: <c>scratch</c> plus Debian's static busybox (with its
/// applet links) and static bash, the machine's CA bundle, and an /etc/passwd naming the step user, whose home is the
/// tmpfs /tmp. Nothing is downloaded, so the image can be built on a machine without registry access.
/// </summary>
internal sealed class StepImageBuilder(ContainerToolsEnvironment tools, SandboxOptions options)
{
    public const string BusyboxPath = "/bin/busybox";
    public const string BashStaticPath = "/bin/bash-static";
    public const string CaBundlePath = "/etc/ssl/certs/ca-certificates.crt";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _present;

    public string? Unavailable =>
        !File.Exists(BusyboxPath) ? $"busybox-static is not installed ({BusyboxPath}): apt-get install busybox-static (the step image is built from it)." :
        !File.Exists(BashStaticPath) ? $"bash-static is not installed ({BashStaticPath}): apt-get install bash-static (the step image is built from it)." :
        !ContainerToolsEnvironment.IsInstalled(tools.Options.BuildahPath) ? $"buildah is not installed ('{tools.Options.BuildahPath}'): it builds the step image." :
        null;

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (_present)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_present && await RunAsync(tools.Options.PodmanPath, ["image", "exists", options.Image], cancellationToken) is not (0, _))
            {
                await BuildAsync(cancellationToken);
            }

            _present = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task BuildAsync(CancellationToken cancellationToken)
    {
        if (Unavailable is { } reason)
        {
            throw new InvalidOperationException(reason);
        }

        var work = Directory.CreateTempSubdirectory("stratus-step-image-").FullName;
        string? container = null;
        try
        {
            var rootfs = Path.Combine(work, "rootfs");
            WriteRootfs(rootfs, await CheckedAsync(BusyboxPath, ["--list"], cancellationToken));
            var buildah = tools.Options.BuildahPath;
            container = (await CheckedAsync(buildah, ["from", "--isolation", "chroot", "scratch"], cancellationToken)).Last();
            await CheckedAsync(buildah, ["add", "--chown", "0:0", container, rootfs + "/", "/"], cancellationToken);
            await CheckedAsync(buildah, ["config", "--env", "PATH=/usr/local/bin:/bin", "--user", $"{options.UserId}:{options.UserId}", "--workingdir", "/tmp", "--label", "org.opencontainers.image.title=stratus-step", container], cancellationToken);
            await CheckedAsync(buildah, ["commit", "--quiet", container, options.Image], cancellationToken);
        }
        finally
        {
            if (container is not null)
            {
                await RunAsync(tools.Options.BuildahPath, ["rm", container], CancellationToken.None);
            }

            Directory.Delete(work, recursive: true);
        }
    }

    private void WriteRootfs(string rootfs, IReadOnlyList<string> applets)
    {
        var bin = Directory.CreateDirectory(Path.Combine(rootfs, "bin")).FullName;
        Directory.CreateDirectory(Path.Combine(rootfs, "usr", "local", "bin"));
        Directory.CreateDirectory(Path.Combine(rootfs, "etc", "ssl", "certs"));
        var tmp = Directory.CreateDirectory(Path.Combine(rootfs, "tmp")).FullName;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(tmp, UnixFileMode.StickyBit | UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute);
        }
        File.Copy(BusyboxPath, Path.Combine(bin, "busybox"));
        File.Copy(BashStaticPath, Path.Combine(bin, "bash"));
        foreach (var applet in applets.Where(a => a is not ("busybox" or "bash") && !a.Contains('/', StringComparison.Ordinal)))
        {
            File.CreateSymbolicLink(Path.Combine(bin, applet), "busybox");
        }

        if (File.Exists(CaBundlePath))
        {
            File.Copy(CaBundlePath, Path.Combine(rootfs, "etc", "ssl", "certs", "ca-certificates.crt"));
        }

        var id = options.UserId;
        File.WriteAllText(Path.Combine(rootfs, "etc", "passwd"), $"root:x:0:0:root:/root:/bin/sh\nstratus:x:{id}:{id}:Stratus step:/tmp:/bin/sh\n");
        File.WriteAllText(Path.Combine(rootfs, "etc", "group"), $"root:x:0:\nstratus:x:{id}:\n");
    }

    private async Task<IReadOnlyList<string>> CheckedAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var (exit, output) = await RunAsync(tool, arguments, cancellationToken);
        return exit == 0 ? output : throw new InvalidOperationException($"Building the step image failed: '{tool} {string.Join(' ', arguments)}' exited with {exit}: {string.Join(" | ", output.TakeLast(5))}");
    }

    private async Task<(int Exit, IReadOnlyList<string> Output)> RunAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var output = new List<string>();
        var exit = await ProcessRunner.RunAsync(tools.Spec(tool, arguments, "/"), line =>
        {
            lock (output)
            {
                output.Add(line);
            }
        }, cancellationToken);
        return (exit, output);
    }
}
