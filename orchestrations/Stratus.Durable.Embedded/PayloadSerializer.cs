using DurableTask.Core.Serializing;

namespace Stratus.Durable.Embedded;

/// <summary>
/// Serialises DTFx types (TaskMessage, HistoryEvent, OrchestrationState) the way DTFx itself does, with type names,
/// so the polymorphic HistoryEvent subclasses round-trip through SQLite.
/// </summary>
internal static class PayloadSerializer
{
    public static string Serialize(object value) => JsonDataConverter.Default.Serialize(value);

    public static T Deserialize<T>(string json) =>
        JsonDataConverter.Default.Deserialize<T>(json)
        ?? throw new InvalidOperationException($"Stored payload did not deserialize to {typeof(T).Name}.");
}
