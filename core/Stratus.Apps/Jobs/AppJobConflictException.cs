namespace Stratus.Apps.Jobs;

/// <summary>A job with this name exists already (HTTP 409).</summary>
public sealed class AppJobConflictException(string job) : Exception($"A job named '{job}' exists already; choose another name.")
{
    public string Job { get; } = job;
}
