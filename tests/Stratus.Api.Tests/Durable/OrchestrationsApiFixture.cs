using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Durable;

namespace Stratus.Api.Tests.Durable;

/// <summary>
/// The API on its own embedded store (as <see cref="StratusApiFixture"/>) with the test orchestrators registered, so
/// the embedded backend's worker really runs instances for the orchestrations API to manage.
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

    internal StratusDurableTaskClient Durable => Factory.Services.GetRequiredService<StratusDurableTaskClient>();

    public HttpClient CreateClient() => Factory.CreateClient();

    /// <param name="prefix">The instance id's prefix, for listing by <c>instanceIdPrefix</c>.</param>
    internal Task<string> StartAsync<TOrchestrator>(object? input, CancellationToken cancellationToken, string prefix = "test-")
        where TOrchestrator : ITaskOrchestrator =>
        Durable.ScheduleNewOrchestrationInstanceAsync(typeof(TOrchestrator).Name, input, new StartOrchestrationOptions($"{prefix}{Guid.NewGuid():N}"), cancellationToken);

    /// <summary>Polls until the instance has <paramref name="status"/> (the test's token bounds the wait).</summary>
    internal async Task WaitForStatusAsync(string instanceId, OrchestrationRuntimeStatus status, CancellationToken cancellationToken)
    {
        while ((await Durable.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken))?.RuntimeStatus != status)
        {
            await Task.Delay(20, cancellationToken);
        }
    }

    internal async Task<string> StartFinishedAsync(CancellationToken cancellationToken, string prefix = "test-")
    {
        var instanceId = await StartAsync<EchoOrchestrator>(new { done = true }, cancellationToken, prefix);
        await Durable.WaitForInstanceCompletionAsync(instanceId, cancellation: cancellationToken);
        return instanceId;
    }

    public void Dispose() => _api.Dispose();
}
