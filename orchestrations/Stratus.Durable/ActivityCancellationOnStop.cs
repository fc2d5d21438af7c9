using Microsoft.Extensions.Hosting;

namespace Stratus.Durable;

/// <summary>
/// Where no <see cref="DurableWorkerHost"/> runs (the Functions host runs activities), long activities still learn that
/// the process is stopping: the token fires when the application starts to stop.
/// </summary>
internal sealed class ActivityCancellationOnStop(IHostApplicationLifetime lifetime, ActivityCancellation cancellation) : IHostedService
{
    private CancellationTokenRegistration _registration;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _registration = lifetime.ApplicationStopping.Register(cancellation.Cancel);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _registration.Dispose();
        return Task.CompletedTask;
    }
}
