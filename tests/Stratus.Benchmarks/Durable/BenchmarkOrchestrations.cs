using Stratus.Durable;

namespace Stratus.Benchmarks.Durable;

internal static class BenchmarkOrchestrations
{
    public static DurableBuilder AddBenchmarkOrchestrations(this DurableBuilder builder) => builder
        .AddActivity<Noop>()
        .AddActivity<SayHello>()
        .AddOrchestrator<Sequence>()
        .AddOrchestrator<HelloSequence5>()
        .AddOrchestrator<FanOut>()
        .AddOrchestrator<EventLoop>();
}
