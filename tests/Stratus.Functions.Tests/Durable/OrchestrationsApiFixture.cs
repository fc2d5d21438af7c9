using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Durable;
using Stratus.Durable.Client;

namespace Stratus.Functions.Tests.Durable;

/// <summary>
/// The API on its own embedded store (as <see cref="StratusApiFixture"/>) with the test orchestrators registered, so
/// the engine's in-process worker really runs instances for the orchestrations API to manage.
/// </summary>
public sealed class OrchestrationsApiFixture : IDisposable
{
    private readonly StratusApiFixture _api = new();

    public OrchestrationsApiFixture() =>
        Factory = _api.WithWebHostBuilder(b => b.ConfigureServices(services => services.AddStratusDurable()
            .AddOrchestrator<WaitForApprovalOrchestrator>()
            .AddOrchestrator<EchoOrchestrator>()
            .AddOrchestrator<FailingOrchestrator>()));

    public WebApplicationFactory<Program> Factory { get; }

    public DurableClient Durable => Factory.Services.GetRequiredService<DurableClient>();

    public HttpClient CreateClient() => Factory.CreateClient();

    public Task<string> StartAsync<TOrchestrator>(object? input, CancellationToken cancellationToken)
        where TOrchestrator : IOrchestrator =>
        Durable.ScheduleNewOrchestrationInstanceAsync(typeof(TOrchestrator).Name, input, new StartOrchestrationOptions($"test-{Guid.NewGuid():N}"), cancellationToken);

    /// <summary>Polls until the instance has <paramref name="status"/> (the test's token bounds the wait).</summary>
    public async Task WaitForStatusAsync(string instanceId, OrchestrationRuntimeStatus status, CancellationToken cancellationToken)
    {
        while ((await Durable.GetInstanceAsync(instanceId, fetchInputsAndOutputs: false, cancellationToken))?.RuntimeStatus != status)
        {
            await Task.Delay(20, cancellationToken);
        }
    }

    public async Task<string> StartFinishedAsync(CancellationToken cancellationToken)
    {
        var instanceId = await StartAsync<EchoOrchestrator>(new { done = true }, cancellationToken);
        await Durable.WaitForInstanceCompletionAsync(instanceId, cancellationToken: cancellationToken);
        return instanceId;
    }

    public void Dispose() => _api.Dispose();
}
