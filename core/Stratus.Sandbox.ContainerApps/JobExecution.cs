namespace Stratus.Sandbox.ContainerApps;

/// <summary>One Container Apps job execution as ARM reports it.</summary>
/// <param name="Status">Running, Processing, Succeeded, Failed, Stopped, Degraded (or a state a later api-version adds).</param>
/// <param name="Environment">The step container's environment from the execution's template.</param>
internal sealed record JobExecution(string Name, string Status, IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>Whether the execution has ended: anything but Running and Processing (an unknown state counts as not ended).</summary>
    public bool HasEnded => Status is "Succeeded" or "Failed" or "Stopped" or "Degraded";
}
