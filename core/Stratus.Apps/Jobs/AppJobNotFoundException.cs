namespace Stratus.Apps.Jobs;

/// <summary>There is no job with this name (HTTP 404).</summary>
public sealed class AppJobNotFoundException(string job) : Exception($"There is no job named '{job}'.")
{
    public string Job { get; } = job;
}
