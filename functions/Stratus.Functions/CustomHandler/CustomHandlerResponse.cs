using System.Text.Json.Serialization;

namespace Stratus.Functions.CustomHandler;

/// <summary>
/// The answer the Functions host expects from a custom handler. The names are fixed by the host (PascalCase, whatever
/// the app's JSON naming policy says); <c>Logs</c> lines go to the invocation's log in Application Insights.
/// </summary>
internal sealed record CustomHandlerResponse(
    [property: JsonPropertyName("Outputs")] IReadOnlyDictionary<string, object?> Outputs,
    [property: JsonPropertyName("Logs")] IReadOnlyList<string> Logs,
    [property: JsonPropertyName("ReturnValue"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] object? ReturnValue)
{
    public static CustomHandlerResponse WithLogs(params string[] logs) => new(new Dictionary<string, object?>(), logs, null);
}
