using Microsoft.Extensions.Options;
using Stratus.Api.Triggers;
using Stratus.Storage;
using Stratus.Storage.Blobs;

namespace Stratus.Standalone.Triggers.Timers;

/// <summary>
/// Fires the app's timer functions when no Functions host does (standalone mode). Start-up fails on a declaration
/// the host would reject (a bad schedule or handler); stopping ends the waits at once and lets invocations in flight
/// finish until the host's shutdown timeout, whose expiry is what cancels their token.
/// </summary>
internal sealed class StandaloneTimerTriggerService(
    FunctionCatalog catalog,
    IStorageAccount storage,
    ITimerLeaseFactory leases,
    IOptions<StandaloneTimerOptions> options,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<StandaloneTimerTriggerService> logger) : IHostedService, IDisposable
{
    private readonly TriggerShutdown _shutdown = new();
    private readonly List<TimerFunctionRunner> _runners = [];
    private readonly List<Task> _loops = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var timers = catalog.Functions.Where(f => f.Trigger is TimerFunctionTrigger).ToList();
        if (timers.Count == 0)
        {
            return;
        }

        // Every declaration is checked before anything runs, so one bad timer fails the start, not half of it.
        var settings = options.Value;
        var container = storage.Blobs.GetContainer(TimerStorageNames.Container);
        var runners = timers.Select(function => CreateRunner(function, settings, container)).ToList();
        try
        {
            await container.CreateIfNotExistsAsync(cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            TimerTriggerLog.ContainerNotCreated(logger, container.Name, ex);
        }

        foreach (var runner in runners)
        {
            TimerTriggerLog.Scheduled(logger, runner.FunctionName, runner.Schedule, runner.LeaseName);
            await runner.StartAsync(cancellationToken);
        }

        _runners.AddRange(runners);
        var stopping = _shutdown.Stopping;
        var abort = _shutdown.Abort;
        foreach (var runner in runners)
        {
            _loops.Add(Task.Run(() => runner.RunAsync(stopping, abort), CancellationToken.None));
        }
    }

    /// <summary>
    /// Safe to call more than once and concurrently: hosts may stop twice (WebApplicationFactory does), and every
    /// caller awaits the one stop.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken) =>
        _loops.Count == 0 ? Task.CompletedTask : _shutdown.StopOnceAsync(() => StopCoreAsync(cancellationToken));

    private async Task StopCoreAsync(CancellationToken cancellationToken)
    {
        await _shutdown.CancelStoppingAsync();
        await using var abortOnTimeout = cancellationToken.Register(_shutdown.CancelAbort);
        try
        {
            await Task.WhenAll(_loops).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            TimerTriggerLog.ShutdownTimedOut(logger);
            return;
        }

        foreach (var runner in _runners)
        {
            await runner.ReleaseAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Without <see cref="StopAsync"/> this is a crash as far as other instances can tell: everything stops and the
    /// leases are left to run out.
    /// </summary>
    public void Dispose() => _shutdown.Dispose();

    private TimerFunctionRunner CreateRunner(FunctionDeclaration function, StandaloneTimerOptions settings, IBlobContainerClient container)
    {
        var trigger = (TimerFunctionTrigger)function.Trigger;
        if (!TimerStorageNames.IsValidFunctionName(function.Name))
        {
            throw new InvalidOperationException(
                $"Timer function '{function.Name}' has an invalid name: use a letter, then up to 127 letters, digits, '_' or '-'.");
        }

        if (function.HandlerType is null || !typeof(ITimerFunction).IsAssignableFrom(function.HandlerType))
        {
            throw new InvalidOperationException(
                $"Timer function '{function.Name}' needs a handler type that implements {nameof(ITimerFunction)}; it has '{function.HandlerType?.FullName ?? "none"}'.");
        }

        var schedule = TimerSchedule.Parse(function.Name, trigger.Schedule);
        return new TimerFunctionRunner(
            function,
            schedule,
            new TimerStatusStore(container, TimerStorageNames.StatusBlob(settings.HostId, function.Name)),
            leases.Create(settings.HostId, function.Name),
            settings.TimerLeaseDuration,
            scopes,
            time,
            logger);
    }
}
