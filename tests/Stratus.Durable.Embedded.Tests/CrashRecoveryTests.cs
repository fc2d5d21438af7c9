using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using DurableTask.Core;
using DurableTask.Core.History;
using Stratus.Testing;
using Xunit.Abstractions;

namespace Stratus.Durable.Embedded.Tests;

/// <summary>
/// Kills the worker process (SIGKILL, whole tree) at random points, restarts it, and checks that every acknowledged
/// orchestrator effect happened exactly once while activities ran at least once.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    private const int InstanceCount = 100;
    private const int Steps = 5;
    private const int KillRounds = 3;

    [Fact]
    public async Task KillNine_ThreeRandomKillsThenFinalRun_AllInstancesCompleteWithEffectsExactlyOnce()
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        var directory = DurableTestHost.NewDirectory();
        var databasePath = Path.Combine(directory, "durable.db");
        var effectsPath = Path.Combine(directory, "effects.log");
        try
        {
            for (var round = 0; round < KillRounds; round++)
            {
                using var worker = new WorkerProcess(databasePath, effectsPath);
                await worker.WaitForLineAsync("STARTED", deadline);
                var delay = TimeSpan.FromMilliseconds(Random.Shared.Next(300, 2000));
                var finished = await worker.WaitForExitAsync(delay);
                worker.Kill();
                output.WriteLine($"round {round}: {(finished ? "finished before the kill" : $"killed {delay.TotalMilliseconds:F0} ms after STARTED")}, " +
                    $"{CountLines(effectsPath)} effect lines so far");
            }

            using (var final = new WorkerProcess(databasePath, effectsPath))
            {
                Assert.True(await final.WaitForExitAsync(Remaining(deadline)), "the final run did not finish before the deadline");
                Assert.True(final.ExitCode == 0, $"final run exited {final.ExitCode}: {final.Errors}");
                Assert.Contains("DONE", final.Lines);
            }

            using var service = new EmbeddedOrchestrationService(new EmbeddedOrchestrationServiceSettings { DatabasePath = databasePath });
            for (var i = 0; i < InstanceCount; i++)
            {
                var instanceId = "crash-" + i.ToString("000", CultureInfo.InvariantCulture);
                var state = await service.GetOrchestrationStateAsync(instanceId, executionId: null!);
                Assert.True(state is not null, $"{instanceId} was never created");
                Assert.Equal(OrchestrationStatus.Completed, state.OrchestrationStatus);
                Assert.Equal(ExpectedOutput(instanceId), JsonOutput.Read<string>(state.Output));
                await AssertEffectsExactlyOnceAsync(service, instanceId, expectedTasks: Steps, expectedChildren: 1);
                await AssertEffectsExactlyOnceAsync(service, instanceId + "-child", expectedTasks: 1, expectedChildren: 0);
            }

            var runs = File.ReadAllLines(effectsPath)
                .Select(line => line[..line.LastIndexOf('|')])
                .GroupBy(key => key, StringComparer.Ordinal)
                .ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
            Assert.Equal(InstanceCount * (Steps + 1), runs.Count);
            var reruns = runs.Values.Sum(count => count - 1);
            output.WriteLine($"{runs.Values.Sum()} activity executions for {runs.Count} activities: {reruns} re-ran after a kill (at-least-once)");
        }
        finally
        {
            DurableTestHost.TryDelete(directory);
        }
    }

    private static string ExpectedOutput(string instanceId) =>
        string.Join(";", Enumerable.Range(0, Steps).Select(step => $"{instanceId}:{step}").Append($"{instanceId}-child:c"));

    /// <summary>No scheduling decision appears twice and every scheduled task or child has exactly one result.</summary>
    private static async Task AssertEffectsExactlyOnceAsync(EmbeddedOrchestrationService service, string instanceId, int expectedTasks, int expectedChildren)
    {
        var history = PayloadSerializer.Deserialize<List<HistoryEvent>>(await service.GetOrchestrationHistoryAsync(instanceId, executionId: null!));
        var scheduled = history.OfType<TaskScheduledEvent>().Select(e => e.EventId).ToList();
        var children = history.OfType<SubOrchestrationInstanceCreatedEvent>().Select(e => e.EventId).ToList();
        Assert.Equal(expectedTasks, scheduled.Count);
        Assert.Equal(scheduled.Count, scheduled.Distinct().Count());
        Assert.Equal(expectedChildren, children.Count);
        Assert.Equal(children.Count, children.Distinct().Count());
        foreach (var id in scheduled)
        {
            var results = history.Count(e => e is TaskCompletedEvent c && c.TaskScheduledId == id || e is TaskFailedEvent f && f.TaskScheduledId == id);
            Assert.True(results == 1, $"{instanceId}: task {id} has {results} results");
        }

        foreach (var id in children)
        {
            var results = history.Count(e => e is SubOrchestrationInstanceCompletedEvent c && c.TaskScheduledId == id
                || e is SubOrchestrationInstanceFailedEvent f && f.TaskScheduledId == id);
            Assert.True(results == 1, $"{instanceId}: child {id} has {results} results");
        }
    }

    private static int CountLines(string path) => File.Exists(path) ? File.ReadAllLines(path).Length : 0;

    private static TimeSpan Remaining(DateTime deadline) => deadline - DateTime.UtcNow is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero;

    /// <summary>The crash worker (<c>dotnet &lt;dll&gt; crash ...</c>) with its output captured; disposing kills it if still alive.</summary>
    private sealed class WorkerProcess : IDisposable
    {
        private readonly Process _process;
        private readonly List<string> _lines = [];
        private readonly List<string> _errors = [];
        private readonly Lock _gate = new();

        public WorkerProcess(string databasePath, string effectsPath)
        {
            var configuration = typeof(CrashRecoveryTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
            var dll = Path.Combine(
                RepositoryPaths.Root, "tests", "Stratus.Durable.Embedded.CrashWorker", "bin", configuration, "net10.0", "Stratus.Durable.Embedded.CrashWorker.dll");
            Assert.True(File.Exists(dll), $"crash worker not built at {dll}");
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(dll);
            start.ArgumentList.Add("crash");
            start.ArgumentList.Add(databasePath);
            start.ArgumentList.Add(effectsPath);
            _process = new Process { StartInfo = start };
            _process.OutputDataReceived += (_, e) => Add(_lines, e.Data);
            _process.ErrorDataReceived += (_, e) => Add(_errors, e.Data);
            _process.Start();
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_gate)
                {
                    return [.. _lines];
                }
            }
        }

        public string Errors
        {
            get
            {
                lock (_gate)
                {
                    return string.Join('\n', _errors);
                }
            }
        }

        public int ExitCode => _process.ExitCode;

        public async Task WaitForLineAsync(string line, DateTime deadline)
        {
            while (!Lines.Contains(line))
            {
                if (_process.HasExited)
                {
                    Assert.Fail($"crash worker exited ({_process.ExitCode}) before printing {line}: {Errors}");
                }

                Assert.True(DateTime.UtcNow < deadline, $"crash worker did not print {line} before the deadline");
                await Task.Delay(10);
            }
        }

        /// <summary>Waits up to <paramref name="timeout"/>; true when the process exited by itself.</summary>
        public async Task<bool> WaitForExitAsync(TimeSpan timeout)
        {
            using var cancellation = new CancellationTokenSource(timeout);
            try
            {
                await _process.WaitForExitAsync(cancellation.Token);
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        public void Kill()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.WaitForExit();
        }

        public void Dispose() => ChildProcess.Stop(_process);

        private void Add(List<string> target, string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_gate)
            {
                target.Add(line);
            }
        }
    }
}
