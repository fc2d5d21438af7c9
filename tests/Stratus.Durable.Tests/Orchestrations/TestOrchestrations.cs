namespace Stratus.Durable.Tests.Orchestrations;

internal static class TestOrchestrations
{
    public static DurableBuilder AddTestOrchestrations(this DurableBuilder builder) => builder
        .AddActivity<SayHello>()
        .AddActivity<Square>()
        .AddActivity<Fail>()
        .AddActivity<Flaky>()
        .AddActivity<Echo>()
        .AddOrchestrator<HelloSequence>()
        .AddOrchestrator<FanOutFanIn>()
        .AddOrchestrator<CatchFailure>()
        .AddOrchestrator<FailUnhandled>()
        .AddOrchestrator<RetryFlaky>()
        .AddOrchestrator<Sleep>()
        .AddOrchestrator<AwaitApproval>()
        .AddOrchestrator<RaceTimerAndEvent>()
        .AddOrchestrator<WaitForever>()
        .AddOrchestrator<CallSubOrchestrator>()
        .AddOrchestrator<Countdown>()
        .AddOrchestrator<ChangingCode>()
        .AddOrchestrator<EchoTwice>();
}
