using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Stratus.Durable.Tests.Orchestrations;

internal static class TestOrchestrations
{
    /// <summary>Registers every test orchestrator and activity, and the per-host singletons they report to.</summary>
    public static DurableBuilder AddTestOrchestrations(this DurableBuilder builder)
    {
        builder.Services.TryAddSingleton<GuidRecorder>();
        builder.Services.TryAddSingleton<ProbeLog>();
        builder.Services.TryAddScoped<ScopedProbe>();
        builder.Services.TryAddSingleton(new StopSignals(block: true));
        builder.Services.TryAddSingleton(new WorkerTag("host"));
        return builder
            .AddActivity<SayHello>()
            .AddActivity<Square>()
            .AddActivity<Echo>()
            .AddActivity<Fail>()
            .AddActivity<Flaky>()
            .AddActivity<UseScopedProbe>()
            .AddActivity<WaitForStop>()
            .AddOrchestrator<HelloSequence>()
            .AddOrchestrator<FanOutFanIn>()
            .AddOrchestrator<EchoPayload>()
            .AddOrchestrator<CatchFailure>()
            .AddOrchestrator<FailUnhandled>()
            .AddOrchestrator<CallSubOrchestrator>()
            .AddOrchestrator<RetryFlaky>()
            .AddOrchestrator<Sleep>()
            .AddOrchestrator<AwaitApproval>()
            .AddOrchestrator<RaceTimerAndEvent>()
            .AddOrchestrator<WaitForever>()
            .AddOrchestrator<Countdown>()
            .AddOrchestrator<GuidsAndLogs>()
            .AddOrchestrator<ChangingCode>()
            .AddOrchestrator<ProbeTwice>()
            .AddOrchestrator<CallWaitForStop>()
            .AddOrchestrator<ParkOnHost>();
    }
}
