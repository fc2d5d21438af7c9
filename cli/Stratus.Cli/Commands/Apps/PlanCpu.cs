using System.Globalization;

namespace Stratus.Cli.Commands.Apps;

/// <summary>CPU as people write it for Kubernetes: <c>500m</c> (millicores), <c>0.5</c> or <c>2</c> (cores).</summary>
internal static class PlanCpu
{
    /// <returns>Millicores.</returns>
    /// <exception cref="CliException">Not a CPU amount.</exception>
    public static int ToMilli(string cpu)
    {
        var text = cpu.Trim();
        var milli = text.EndsWith('m');
        if (decimal.TryParse(milli ? text[..^1] : text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
            && amount <= 1_000_000
            && (milli ? amount : amount * 1000) is var value
            && value == decimal.Truncate(value))
        {
            return (int)value;
        }

        throw new CliException($"The CPU '{cpu}' is not valid.", "Give millicores such as 500m, or cores such as 0.5 or 2; 0 means no limit.");
    }

    /// <summary><c>500m</c>, <c>2</c> (cores), or <c>unlimited</c>.</summary>
    public static string Format(int milli) =>
        milli == 0 ? "unlimited" : milli % 1000 == 0 ? (milli / 1000).ToString(CultureInfo.InvariantCulture) : milli.ToString(CultureInfo.InvariantCulture) + "m";
}
