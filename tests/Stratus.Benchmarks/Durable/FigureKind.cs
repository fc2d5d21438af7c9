namespace Stratus.Benchmarks.Durable;

/// <summary>How a figure compares across backends.</summary>
internal enum FigureKind
{
    /// <summary>More is better; the ratio line is embedded ÷ AzureStorage.</summary>
    Throughput,

    /// <summary>Less is better; the ratio line is AzureStorage ÷ embedded, so above 1 still means embedded is better.</summary>
    Latency,

    /// <summary>Another unit of a figure already compared (HelloSequence5 as activities/s): no ratio line of its own.</summary>
    Derived,
}
