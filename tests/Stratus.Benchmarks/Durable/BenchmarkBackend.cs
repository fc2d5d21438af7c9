using Stratus.Durable;

namespace Stratus.Benchmarks.Durable;

/// <summary>One side of the comparison: the backend the runtime runs on, its name in the figures, and its workload.</summary>
/// <param name="CompletionPollInterval">
/// Null: the client's <c>WaitForInstanceCompletionAsync</c> tells when an instance finished. Otherwise the benchmark
/// reads the instance's status itself, this often at first, for a backend whose own wait is too coarse to time with.
/// </param>
internal sealed record BenchmarkBackend(string Name, DurableBackend Backend, DurableWorkload Workload, TimeSpan? CompletionPollInterval);
