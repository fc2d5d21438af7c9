namespace Stratus.Benchmarks.Durable;

/// <summary>
/// The figures of a run by backend: each is printed as <c>RESULT durable.&lt;backend&gt;.&lt;name&gt;</c> when
/// added, and the ratio lines (<c>RESULT durable.ratio.&lt;key&gt;</c>) compare the two backends at the end.
/// </summary>
internal sealed class DurableFigures(string embedded, string azureStorage)
{
    private readonly Dictionary<(string Backend, string Key), DurableFigure> _figures = [];
    private readonly List<string> _keys = [];

    public void Add(string backend, DurableFigure figure)
    {
        _figures[(backend, figure.Key)] = figure;
        if (figure.Kind != FigureKind.Derived && !_keys.Contains(figure.Key))
        {
            _keys.Add(figure.Key);
        }

        Results.Print($"durable.{backend}.{figure.Name}", figure.Value, figure.Unit);
    }

    public DurableFigure? Find(string backend, string key) => _figures.GetValueOrDefault((backend, key));

    /// <summary>How many times better the embedded backend did, or null when a side was not measured.</summary>
    public double? Ratio(string key)
    {
        if (Find(embedded, key) is not { } ours || Find(azureStorage, key) is not { } theirs)
        {
            return null;
        }

        return ours.Kind == FigureKind.Latency ? theirs.Value / ours.Value : ours.Value / theirs.Value;
    }

    /// <summary>One line per figure measured on both backends: embedded ÷ AzureStorage (AzureStorage ÷ embedded for latencies).</summary>
    public void PrintRatios()
    {
        foreach (var key in _keys)
        {
            if (Ratio(key) is { } ratio)
            {
                Results.Print($"durable.ratio.{key}", ratio, "x");
            }
        }
    }
}
