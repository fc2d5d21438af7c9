using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Stratus.Apps.Jobs;

/// <summary>
/// Keys of <c>StratusAppJobs</c>. Partition <c>jobs</c> holds one row per job (listing and the timer's due query are
/// one partition query). Partition <c>job|&lt;name&gt;</c> holds the job's env rows <c>e|&lt;NAME&gt;</c> (<see cref="Apps.EnvRows"/>) and its runs
/// <c>r|&lt;id&gt;</c>, newest first, so removing a job removes one partition.
/// </summary>
internal static class AppJobKeys
{
    public const string TableName = "StratusAppJobs";
    public const string IndexPartition = "jobs";
    public const string RunPrefix = "r|";

    public static string Partition(string job) => "job|" + job;

    public static string Run(string id) => RunPrefix + id;

    /// <summary>
    /// The id of the run a schedule fires for <paramref name="dueAt"/>: the same on every host and every retry, so a
    /// firing inserts its run once (the second insert conflicts). Ordered like <see cref="TimeOrderedId"/>.
    /// </summary>
    public static string ScheduledRunId(string job, DateTimeOffset dueAt)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(job + "|" + dueAt.UtcTicks.ToString(CultureInfo.InvariantCulture)));
        return TimeOrderedId.InvertedTicks(dueAt) + Convert.ToHexStringLower(hash)[..12];
    }
}
