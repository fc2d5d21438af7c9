using System.Diagnostics;
using System.Text;
using Stratus.Infra.Execution;
using Stratus.Testing;
using Stratus.Processes;

namespace Stratus.Infra.Tests.Execution;

public sealed class ProcessRunnerTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [BashFact]
    public async Task RunAsync_StdoutAndStderr_MergedLineByLineWithExitCode()
    {
        var log = new LogLines();

        var exitCode = await ProcessRunner.RunAsync(Bash("echo out1; echo err1 >&2; echo out2; exit 7"), log.Add, TestTimeout.Token());

        Assert.Equal(7, exitCode);
        Assert.Contains("err1", log.Lines);
        Assert.Equal(["out1", "out2"], log.Lines.Where(l => l.StartsWith("out", StringComparison.Ordinal)));
    }

    [BashFact]
    public async Task RunAsync_SecretInOutput_MaskedOnBothStreams()
    {
        var log = new LogLines();
        var spec = Bash("echo \"token=$MY_TOKEN\"; echo \"again $MY_TOKEN\" >&2") with
        {
            Environment = new Dictionary<string, string> { ["MY_TOKEN"] = "s3cr3t-t0ken" },
            Masker = new LogMasker(["s3cr3t-t0ken"]),
        };

        await ProcessRunner.RunAsync(spec, log.Add, TestTimeout.Token());

        Assert.Contains("token=***", log.Lines);
        Assert.Contains("again ***", log.Lines);
        Assert.DoesNotContain("s3cr3t", log.Text, StringComparison.Ordinal);
    }

    [BashFact]
    public async Task RunAsync_HostEnvironment_NotPassedUnlessInherited()
    {
        Environment.SetEnvironmentVariable("STRATUS_EXEC_TEST_HOST_ONLY", "host-value");
        var isolated = new LogLines();
        var inherited = new LogLines();

        await ProcessRunner.RunAsync(Bash("echo \"[${STRATUS_EXEC_TEST_HOST_ONLY:-}]\"; command -v sleep >/dev/null && echo path-ok"), isolated.Add, TestTimeout.Token());
        await ProcessRunner.RunAsync(Bash("echo \"[${STRATUS_EXEC_TEST_HOST_ONLY:-}]\"") with { InheritEnvironment = true }, inherited.Add, TestTimeout.Token());

        Assert.Equal(["[]", "path-ok"], isolated.Lines);
        Assert.Equal(["[host-value]"], inherited.Lines);
    }

    [BashFact]
    public async Task RunAsync_StdoutToStream_RawAndUnmaskedWhileStderrIsMasked()
    {
        using var output = new MemoryStream();
        var errors = new LogLines();
        var spec = Bash("printf '{\"v\":\"secret-value\"}'; echo 'oops secret-value' >&2") with { Masker = new LogMasker(["secret-value"]) };

        var exitCode = await ProcessRunner.RunAsync(spec, output, errors.Add, TestTimeout.Token());

        Assert.Equal(0, exitCode);
        Assert.Equal("{\"v\":\"secret-value\"}", Encoding.UTF8.GetString(output.ToArray()));
        Assert.Equal(["oops ***"], errors.Lines);
    }

    [BashFact]
    public async Task RunAsync_LineLongerThanTheLimit_DeliveredInPieces()
    {
        var log = new LogLines();

        await ProcessRunner.RunAsync(Bash("head -c 40000 /dev/zero | tr '\\0' a; echo; echo end"), log.Add, TestTimeout.Token());

        Assert.All(log.Lines, l => Assert.True(l.Length <= ProcessRunner.MaxLineLength));
        Assert.Equal(40000, log.Lines.Where(l => l.StartsWith('a')).Sum(l => l.Length));
        Assert.Equal("end", log.Lines[^1]);
    }

    [BashFact]
    public async Task RunAsync_Cancelled_KillsTheProcessAndItsChild()
    {
        var log = new LogLines();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestTimeout.Token());
        var run = ProcessRunner.RunAsync(Bash("sleep 30 & echo CHILD=$!; wait"), log.Add, cancel.Token);
        var child = Processes.ParseAfter(await log.WaitForAsync("CHILD=", TestTimeout.Token()), "CHILD=");
        try
        {
            var stopwatch = Stopwatch.StartNew();
            await cancel.CancelAsync();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), "RunAsync returned only after " + stopwatch.Elapsed);
            Assert.True(await Processes.WaitUntilGoneAsync(child, TimeSpan.FromSeconds(5)), "the background sleep outlived the cancelled run");
        }
        finally
        {
            Processes.KillQuietly(child);
        }
    }

    [BashFact]
    public async Task RunAsync_CancelledWithGracefulStop_InterruptsFirstThenKillsOrphans()
    {
        var log = new LogLines();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestTimeout.Token());

        // bash exits on the interrupt; the background sleep (which ignores SIGINT) is orphaned unless the runner finds it.
        var spec = Bash("trap 'echo interrupted; exit 3' INT; sleep 30 & echo CHILD=$!; wait") with { GracefulStopTimeout = TimeSpan.FromSeconds(10) };
        var run = ProcessRunner.RunAsync(spec, log.Add, cancel.Token);
        var child = Processes.ParseAfter(await log.WaitForAsync("CHILD=", TestTimeout.Token()), "CHILD=");
        try
        {
            await cancel.CancelAsync();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
            Assert.Contains("interrupted", log.Lines);
            Assert.True(await Processes.WaitUntilGoneAsync(child, TimeSpan.FromSeconds(5)), "the orphaned sleep outlived the cancelled run");
        }
        finally
        {
            Processes.KillQuietly(child);
        }
    }

    [BashFact]
    public async Task RunAsync_BackgroundChildKeepsThePipeOpen_ReturnsAnyway()
    {
        var log = new LogLines();
        var stopwatch = Stopwatch.StartNew();

        var exitCode = await ProcessRunner.RunAsync(Bash("sleep 30 & echo CHILD=$!; echo done"), log.Add, TestTimeout.Token());

        Processes.KillQuietly(Processes.ParseAfter(log.Lines[0], "CHILD="));
        Assert.Equal(0, exitCode);
        Assert.Contains("done", log.Lines);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(15), "waited " + stopwatch.Elapsed);
    }

    [BashFact]
    public async Task RunAsync_CallbackThrows_KillsTheProcessAndRethrows()
    {
        var stopwatch = Stopwatch.StartNew();

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ProcessRunner.RunAsync(Bash("echo first; sleep 30"), _ => throw new InvalidOperationException("sink broke"), TestTimeout.Token()));

        Assert.Equal("sink broke", thrown.Message);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), "waited " + stopwatch.Elapsed);
    }

    [Fact]
    public async Task RunAsync_MissingExecutable_SaysWhichOne()
    {
        var spec = new ProcessSpec("stratus-no-such-tool", [], _directory.FullPath);

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => ProcessRunner.RunAsync(spec, _ => { }, TestTimeout.Token()));

        Assert.Contains("stratus-no-such-tool", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_AlreadyCancelled_StartsNothing()
    {
        var spec = new ProcessSpec("stratus-no-such-tool", [], _directory.FullPath);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ProcessRunner.RunAsync(spec, _ => { }, new CancellationToken(canceled: true)));
    }

    private ProcessSpec Bash(string script) => new("bash", ["-c", script], _directory.FullPath);
}
