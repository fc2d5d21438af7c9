namespace Stratus.Apps.Apps;

/// <summary>
/// Keys of <c>StratusApps</c>. Partition <c>apps</c> holds one row per app (the list of apps is one partition query).
/// Partition <c>app|&lt;name&gt;</c> holds everything else of one app: env rows <c>e|&lt;NAME&gt;</c> (<see cref="EnvRows"/>), the version
/// counter and version rows <c>v|0000000042</c>. Env changes and version numbering are then single-partition
/// transactions, and removing an app removes one partition.
/// </summary>
internal static class AppKeys
{
    public const string TableName = "StratusApps";
    public const string IndexPartition = "apps";
    public const string VersionPrefix = "v|";
    public const string VersionCounter = "vcounter";

    public static string Partition(string app) => "app|" + app;

    public static string Version(int number) => VersionPrefix + number.ToString("D10", System.Globalization.CultureInfo.InvariantCulture);
}
