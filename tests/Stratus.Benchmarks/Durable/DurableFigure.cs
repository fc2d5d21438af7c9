namespace Stratus.Benchmarks.Durable;

/// <summary>One measured figure of one backend.</summary>
/// <param name="Key">The figure's name without its workload size, the same on every backend (the ratio line's name).</param>
/// <param name="Name">The printed name after the backend, which may include the workload size when it differs between backends.</param>
internal sealed record DurableFigure(string Key, string Name, double Value, string Unit, FigureKind Kind = FigureKind.Throughput);
