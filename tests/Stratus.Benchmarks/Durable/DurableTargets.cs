using System.Globalization;

namespace Stratus.Benchmarks.Durable;

/// <summary>
/// The targets for the embedded backend, printed as <c>TARGET &lt;figure&gt; &gt;= &lt;goal&gt; &lt;unit&gt;:
/// met|MISSED|not measured</c>. A missed target is reported, never a failure of the run.
/// </summary>
internal static class DurableTargets
{
    private const string RatioKey = "hello_sequence5_orchestrations_per_s";
    private const double RatioGoal = 15;

    private static readonly (string Key, double Goal, string Unit)[] EmbeddedGoals =
    [
        ("hello_sequence5_orchestrations_per_s", 200, "orchestrations/s"),
        ("sequential_activities_per_s_aggregate", 1_000, "activities/s"),
        ("fan_out_activities_per_s", 2_000, "activities/s"),
    ];

    public static void Print(DurableFigures figures, string embedded)
    {
        foreach (var (key, goal, unit) in EmbeddedGoals)
        {
            var figure = figures.Find(embedded, key);
            PrintLine($"durable.{embedded}.{figure?.Name ?? key}", goal, unit, figure?.Value);
        }

        PrintLine($"durable.ratio.{RatioKey}", RatioGoal, "x", figures.Ratio(RatioKey));
    }

    private static void PrintLine(string name, double goal, string unit, double? value)
    {
        var verdict = value is not { } measured ? "not measured"
            : measured >= goal ? string.Create(CultureInfo.InvariantCulture, $"met ({measured:0.##})")
            : string.Create(CultureInfo.InvariantCulture, $"MISSED ({measured:0.##})");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"TARGET {name} >= {goal:0.##} {unit}: {verdict}"));
    }
}
