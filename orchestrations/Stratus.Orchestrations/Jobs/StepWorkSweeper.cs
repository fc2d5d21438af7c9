using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Stratus.Archives;
using Stratus.Sandbox;

namespace Stratus.Orchestrations.Jobs;

/// <summary>
/// At start, removes step working directories left by a control plane that died: those whose sandbox no longer exists
/// (nothing will collect them, and they hold the step's variables in plaintext), and those whose sandbox ended longer
/// ago than a step may run (their job has failed by its timeout). A directory whose sandbox still runs, or ended
/// recently, is left for the activity's re-run to collect; one created since this process started belongs to a step
/// being prepared now.
/// </summary>
internal sealed partial class StepWorkSweeper(IStepSandbox sandbox, IOptions<JobExecutionOptions> options, TimeProvider time, ILogger<StepWorkSweeper> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken) => await SweepAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(options.Value.WorkRoot);
        if (!Directory.Exists(root))
        {
            return 0;
        }

        var started = new DateTimeOffset(Process.GetCurrentProcess().StartTime.ToUniversalTime(), TimeSpan.Zero);
        var removed = 0;
        foreach (var directory in new DirectoryInfo(root).EnumerateDirectories())
        {
            if (!SandboxNames.IsStepName(directory.Name) || directory.LinkTarget is not null || directory.CreationTimeUtc >= started.UtcDateTime)
            {
                continue;
            }

            var info = await sandbox.InspectAsync(directory.Name, cancellationToken);
            var stale = info.Status == SandboxStatus.Missing
                || (info.Status == SandboxStatus.Exited && time.GetUtcNow() - directory.LastWriteTimeUtc > options.Value.StepTimeout);
            if (stale)
            {
                await sandbox.RemoveAsync(directory.Name, cancellationToken);
                LocalFiles.DeleteQuietly(directory.FullName);
                Removed(logger, directory.FullName, info.Status);
                removed++;
            }
        }

        return removed;
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Removed the step working directory {Directory} left behind (sandbox {Status}).")]
    private static partial void Removed(ILogger logger, string directory, SandboxStatus status);
}
