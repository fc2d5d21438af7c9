using System.Text.Json;
using System.Text.Json.Nodes;
using DurableTask.Core.History;

namespace Stratus.Durable.Tests.Infrastructure;

/// <summary>Reads the history events <see cref="StratusDurableTaskClient.GetHistoryAsync"/> returns as DTFx's JSON.</summary>
internal static class HistoryEvents
{
    public static EventType TypeOf(JsonObject historyEvent)
    {
        var type = historyEvent["EventType"] ?? throw new InvalidOperationException($"A history event without EventType: {historyEvent.ToJsonString()}");
        return type.GetValueKind() == JsonValueKind.String
            ? Enum.Parse<EventType>(type.GetValue<string>())
            : (EventType)type.GetValue<int>();
    }

    public static IReadOnlyList<EventType> TypesOf(IEnumerable<JsonObject> history) => [.. history.Select(TypeOf)];

    public static int Count(IEnumerable<JsonObject> history, EventType type) => history.Count(e => TypeOf(e) == type);
}
