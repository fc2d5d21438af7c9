using System.Text.Json;
using Stratus.Containers.Builders;
using Stratus.Containers.Tests.Source;
using Stratus.Testing;

namespace Stratus.Containers.Tests.Builders;

public sealed class BuildahBuilderDriverTests(BuildahFixture fixture) : IClassFixture<BuildahFixture>, IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly List<string> _log = [];

    public void Dispose() => _folder.Dispose();

    [BuildahFact]
    public async Task BuildDockerfileAsync_BusyboxBase_PushesImageWithRunAndCopy()
    {
        var context = Context(
            ("Dockerfile", $"FROM {fixture.BaseImage}\nRUN echo hi > /hello\nCOPY greeting.txt /greeting.txt\n"),
            ("greeting.txt", "hello from the context\n"));
        var target = Target("dockerfile");

        var built = await Driver().BuildDockerfileAsync(new DockerfileBuild(context, target), Log, TestTimeout.Token(300));

        Assert.Equal(target, built.Reference);
        Assert.Matches("^sha256:[0-9a-f]{64}$", built.Digest);
        var image = await PushedImage.ReadAsync(fixture, target);
        Assert.Equal(built.Digest, image.Inspect.GetProperty("Digest").GetString());
        Assert.Equal("hi\n", image.Files["hello"]);
        Assert.Equal("hello from the context\n", image.Files["greeting.txt"]);
        Assert.Contains(_log, l => l.Contains("RUN echo hi > /hello", StringComparison.Ordinal));
        Assert.Contains(_log, l => l.StartsWith("Pushed ", StringComparison.Ordinal));
    }

    [BuildahFact]
    public async Task BuildWithHooksAsync_HookWritesFile_FileAndConfigInPushedImage()
    {
        var source = Context(("index.html", "<h1>app</h1>"), ("tsuru.yaml", "hooks:\n  build:\n    - echo built > built.txt\n"));
        var target = Target("hooks");
        var request = new HookBuild(fixture.BaseImage, source, target)
        {
            BuildHooks = ["echo built > built.txt", "pwd > where.txt && echo \"$GREETING\" > env.txt"],
            Environment = new Dictionary<string, string> { ["GREETING"] = "hello" },
            Ports = ["8888"],
            Command = ["/bin/sh", "-lc", "exec httpd -f -p $PORT"],
            Labels = new Dictionary<string, string> { ["io.stratus.app"] = "demo" },
        };

        var built = await Driver().BuildWithHooksAsync(request, Log, TestTimeout.Token(300));

        var image = await PushedImage.ReadAsync(fixture, target);
        Assert.Equal(built.Digest, image.Inspect.GetProperty("Digest").GetString());
        Assert.Equal("built\n", image.Files["home/application/current/built.txt"]);
        Assert.Equal("/home/application/current\n", image.Files["home/application/current/where.txt"]);
        Assert.Equal("hello\n", image.Files["home/application/current/env.txt"]);
        Assert.Equal("<h1>app</h1>", image.Files["home/application/current/index.html"]);
        var config = image.Config.GetProperty("config");
        Assert.Equal(["/bin/sh", "-lc", "exec httpd -f -p $PORT"], config.GetProperty("Cmd").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("GREETING=hello", config.GetProperty("Env").EnumerateArray().Select(e => e.GetString()));
        Assert.True(config.GetProperty("ExposedPorts").TryGetProperty("8888/tcp", out _));
        Assert.Equal("/home/application/current", config.GetProperty("WorkingDir").GetString());
        Assert.Equal("demo", config.GetProperty("Labels").GetProperty("io.stratus.app").GetString());
        Assert.Contains(_log, l => l.Contains("Running hooks.build[1]", StringComparison.Ordinal));
        Assert.Empty(await WorkingContainersAsync());
    }

    [BuildahFact]
    public async Task BuildDockerfileAsync_FailingRun_BuildFailedExceptionWithLogTail()
    {
        var context = Context(("Dockerfile", $"FROM {fixture.BaseImage}\nRUN echo marker-before-failure && exit 3\n"));

        var error = await Assert.ThrowsAsync<BuildFailedException>(() =>
            Driver().BuildDockerfileAsync(new DockerfileBuild(context, Target("failing")), Log, TestTimeout.Token(300)));

        Assert.Equal("buildah bud", error.Step);
        Assert.NotEqual(0, error.ExitCode);
        Assert.Contains(error.LogTail, l => l.Contains("marker-before-failure", StringComparison.Ordinal));
        Assert.InRange(error.LogTail.Count, 1, 20);
        Assert.Contains("marker-before-failure", error.Message, StringComparison.Ordinal);
        Assert.Contains(_log, l => l.Contains("marker-before-failure", StringComparison.Ordinal));
    }

    [BuildahFact]
    public async Task BuildWithHooksAsync_FailingHook_BuildFailedExceptionAndContainerRemoved()
    {
        var request = new HookBuild(fixture.BaseImage, Context(("index.html", "x")), Target("failing-hook"))
        {
            BuildHooks = ["true", "echo hook-output; exit 7"],
        };

        var error = await Assert.ThrowsAsync<BuildFailedException>(() => Driver().BuildWithHooksAsync(request, Log, TestTimeout.Token(300)));

        Assert.Equal("hooks.build[1] 'echo hook-output; exit 7'", error.Step);
        Assert.Equal(7, error.ExitCode);
        Assert.Contains("hook-output", error.LogTail);
        Assert.Empty(await WorkingContainersAsync());
    }

    [BuildahFact]
    public async Task BuildDockerfileAsync_CancelledDuringRun_KillsBuildahAndThrowsCanceled()
    {
        var context = Context(("Dockerfile", $"FROM {fixture.BaseImage}\nRUN echo sleeping-now && sleep 4321\n"));
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestTimeout.Token(300));
        var started = new TaskCompletionSource();

        var build = Driver().BuildDockerfileAsync(new DockerfileBuild(context, Target("cancel")), line =>
        {
            Log(line);
            if (line.Contains("sleeping-now", StringComparison.Ordinal) && !line.Contains("RUN", StringComparison.Ordinal))
            {
                started.TrySetResult();
            }
        }, cancel.Token);
        await Task.WhenAny(started.Task, build);
        Assert.True(started.Task.IsCompleted, "the RUN step never started: " + string.Join('\n', _log));
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => build);
        Assert.Empty(await LiveProcesses.WaitGoneAsync("sleep 4321", fixture.Directory, TestTimeout.Token()));
    }

    [BuildahFact]
    public async Task BuildWithHooksAsync_CancelledDuringHook_KillsHookAndRemovesContainer()
    {
        var request = new HookBuild(fixture.BaseImage, Context(("index.html", "x")), Target("cancel-hook"))
        {
            BuildHooks = ["echo hook-sleeping; sleep 4322"],
        };
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestTimeout.Token(300));
        var started = new TaskCompletionSource();

        var build = Driver().BuildWithHooksAsync(request, line =>
        {
            Log(line);
            if (line == "hook-sleeping")
            {
                started.TrySetResult();
            }
        }, cancel.Token);
        await Task.WhenAny(started.Task, build);
        Assert.True(started.Task.IsCompleted, "the hook never started: " + string.Join('\n', _log));
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => build);
        Assert.Empty(await LiveProcesses.WaitGoneAsync("sleep 4322", fixture.Directory, TestTimeout.Token()));
        Assert.Empty(await WorkingContainersAsync());
    }

    private BuildahBuilderDriver Driver() => new(fixture.Tools);

    private void Log(string line)
    {
        lock (_log)
        {
            _log.Add(line);
        }
    }

    private string Target(string name) => $"{fixture.Registry}/stratus-tests/{name}:{Guid.NewGuid():N}";

    private string Context(params (string Name, string Content)[] files)
    {
        var folder = _folder.Combine("context-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        foreach (var (name, content) in files)
        {
            File.WriteAllText(Path.Combine(folder, name), content);
        }

        return folder;
    }

    private async Task<List<string>> WorkingContainersAsync()
    {
        var (exit, output) = await fixture.BuildahAsync(["containers", "--format", "{{.ContainerName}}"]);
        Assert.Equal(0, exit);
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(n => n.StartsWith("stratus-build-", StringComparison.Ordinal))];
    }
}
