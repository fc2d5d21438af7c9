using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Durable.Tests.Infrastructure;
using Stratus.Durable.Tests.Orchestrations;
using Stratus.Testing;

namespace Stratus.Durable.Tests;

public sealed class ActivityCancellationTests
{
    [Theory]
    [MemberData(nameof(TestBackends.All), MemberType = typeof(TestBackends))]
    public async Task Token_HostStopsDuringActivity_FiresAndActivityRunsAgainAfterRestart(DurableBackend backend)
    {
        var cancellation = TestTimeout.Token(90);
        await using var location = await TaskHubLocation.CreateAsync(backend);
        string id;
        await using (var stopping = await DurableHost.StartAsync(location))
        {
            id = await stopping.Client.ScheduleNewOrchestrationInstanceAsync(nameof(CallWaitForStop), "job", cancellation);
            var signals = stopping.Services.GetRequiredService<StopSignals>();
            await signals.Started.Task.WaitAsync(cancellation);

            await stopping.StopAsync();

            await signals.Cancelled.Task.WaitAsync(cancellation);
            Assert.True(stopping.Services.GetRequiredService<ActivityCancellation>().Token.IsCancellationRequested);
        }

        // The cancelled run is not the activity's result: after a restart it runs again, this time to the end.
        await using var restarted = await DurableHost.StartAsync(location, services => services.AddSingleton(new StopSignals(block: false)));
        var result = await restarted.WaitUntilFinishedAsync(id, cancellation);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("job done", result.ReadOutputAs<string>());
    }
}
