using System.Text.Json.Nodes;

namespace Stratus.Durable;

/// <summary>
/// A client that reads an instance's history as the backend stores it (DTFx's Newtonsoft JSON), which keeps every
/// field of every event; the SDK's <c>GetOrchestrationHistoryAsync</c> hands over typed events instead.
/// </summary>
public interface IOrchestrationHistoryReader
{
    /// <summary>The current execution's history events, oldest first.</summary>
    /// <exception cref="InstanceNotFoundException">No such instance.</exception>
    Task<IReadOnlyList<JsonObject>> GetHistoryAsync(string instanceId, CancellationToken cancellation = default);
}
