namespace Stratus.AzureFunctions.Http;

/// <summary>Builds <see cref="ApiPipeline"/> at start, so endpoint declaration errors fail the start, not a request.</summary>
internal sealed class ApiPipelineStartup(ApiPipeline pipeline) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        pipeline.EnsureBuilt();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
