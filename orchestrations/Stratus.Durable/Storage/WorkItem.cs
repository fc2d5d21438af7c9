using System.Text.Json.Serialization;

namespace Stratus.Durable.Storage;

/// <summary>An activity call on the work-item queue. The result goes to the instance's inbox for that execution and step.</summary>
internal sealed record WorkItem(
    [property: JsonPropertyName("i")] string InstanceId,
    [property: JsonPropertyName("x")] string ExecutionId,
    [property: JsonPropertyName("t")] int TaskId,
    [property: JsonPropertyName("n")] string Name,
    [property: JsonPropertyName("d")] string? Data,
    [property: JsonPropertyName("b")] string? DataBlob);
