using System.Globalization;

namespace Stratus.Infra.Registry.Providers;

/// <summary>Semantic version precedence, newest first: numbers compared as numbers, a pre-release before its release.</summary>
public sealed class ProviderVersionOrder : IComparer<string>
{
    public static ProviderVersionOrder NewestFirst { get; } = new();

    public int Compare(string? x, string? y) => -Precedence(x ?? "", y ?? "");

    private static int Precedence(string x, string y)
    {
        var (coreX, preX) = Split(x);
        var (coreY, preY) = Split(y);
        for (var i = 0; i < 3; i++)
        {
            var compared = Number(coreX, i).CompareTo(Number(coreY, i));
            if (compared != 0)
            {
                return compared;
            }
        }

        return (preX, preY) switch
        {
            (null, null) => 0,
            (null, _) => 1,
            (_, null) => -1,
            _ => ComparePreRelease(preX, preY),
        };
    }

    private static (string[] Core, string? PreRelease) Split(string version)
    {
        var withoutBuild = version.Split('+')[0];
        var dash = withoutBuild.IndexOf('-', StringComparison.Ordinal);
        return dash < 0 ? (withoutBuild.Split('.'), null) : (withoutBuild[..dash].Split('.'), withoutBuild[(dash + 1)..]);
    }

    private static long Number(string[] core, int index) =>
        index < core.Length && long.TryParse(core[index], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;

    private static int ComparePreRelease(string x, string y)
    {
        var partsX = x.Split('.');
        var partsY = y.Split('.');
        for (var i = 0; i < Math.Min(partsX.Length, partsY.Length); i++)
        {
            var numericX = long.TryParse(partsX[i], NumberStyles.None, CultureInfo.InvariantCulture, out var nx);
            var numericY = long.TryParse(partsY[i], NumberStyles.None, CultureInfo.InvariantCulture, out var ny);
            var compared = (numericX, numericY) switch
            {
                (true, true) => nx.CompareTo(ny),
                (true, false) => -1,
                (false, true) => 1,
                _ => string.CompareOrdinal(partsX[i], partsY[i]),
            };
            if (compared != 0)
            {
                return compared;
            }
        }

        return partsX.Length.CompareTo(partsY.Length);
    }
}
