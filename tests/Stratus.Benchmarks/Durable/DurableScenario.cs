namespace Stratus.Benchmarks.Durable;

/// <summary>One scenario: measures on a warmed-up host of one backend and returns its figures.</summary>
internal delegate Task<IReadOnlyList<DurableFigure>> DurableScenario(DurableBenchmarkHost host, DurableWorkload size, CancellationToken cancellationToken);
