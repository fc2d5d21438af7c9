namespace Stratus.Durable.TestWorker;

internal static class TestWorkerRegistration
{
    /// <summary>What the worker runs; a test's client registers the same so it may schedule them.</summary>
    public static DurableBuilder AddTestWorkerOrchestrations(this DurableBuilder builder) => builder
        .AddOrchestrator<StepChain>()
        .AddOrchestrator<StepChild>()
        .AddActivity<Step>();
}
