namespace Stratus.Api.Telemetry;

/// <summary>Starts the exporters with the host (resolving them is what starts them); the container disposes them at stop.</summary>
internal sealed class TelemetryExportService(TelemetryExport export) : IHostedService
{
    public bool IsExporting => export.IsEnabled;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
