using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.DurableTask.Client;

namespace Stratus.Api.Orchestrations;

/// <summary>
/// An orchestration instance as the API shows it. <see cref="Input"/>, <see cref="Output"/> and
/// <see cref="CustomStatus"/> are the JSON values themselves; <see cref="Input"/> is null unless asked for.
/// </summary>
internal sealed record OrchestrationInstance(
    string Name,
    string InstanceId,
    [property: JsonConverter(typeof(JsonStringEnumConverter<OrchestrationRuntimeStatus>))] OrchestrationRuntimeStatus RuntimeStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    JsonNode? Input,
    JsonNode? Output,
    JsonNode? CustomStatus,
    OrchestrationFailure? FailureDetails)
{
    public static OrchestrationInstance From(OrchestrationMetadata metadata, bool includeInput) => new(
        metadata.Name,
        metadata.InstanceId,
        metadata.RuntimeStatus,
        metadata.CreatedAt,
        metadata.LastUpdatedAt,
        includeInput ? RawJson.Parse(metadata.SerializedInput) : null,
        RawJson.Parse(metadata.SerializedOutput),
        RawJson.Parse(metadata.SerializedCustomStatus),
        OrchestrationFailure.From(metadata.FailureDetails));
}
