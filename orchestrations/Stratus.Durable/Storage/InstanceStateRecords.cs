using System.Text.Json;
using Stratus.Durable.History;
using Stratus.Storage.Tables;

namespace Stratus.Durable.Storage;

/// <summary>Maps <see cref="InstanceState"/> to and from table rows (the sentinel and the Instances row share the shape).</summary>
internal static class InstanceStateRecords
{
    public static TableEntity ToEntity(InstanceState state, string partitionKey, string rowKey)
    {
        var entity = new TableEntity(partitionKey, rowKey)
        {
            ["Name"] = state.Name,
            ["ExecutionId"] = state.ExecutionId,
            ["Status"] = state.Status.ToString(),
            ["CreatedAt"] = state.CreatedAt,
            ["LastUpdatedAt"] = state.LastUpdatedAt,
            ["CompletedAt"] = state.CompletedAt,
            ["Input"] = state.Input.Inline,
            ["InputBlob"] = state.Input.Blob,
            ["Output"] = state.Output.Inline,
            ["OutputBlob"] = state.Output.Blob,
            ["CustomStatus"] = state.CustomStatus.Inline,
            ["CustomStatusBlob"] = state.CustomStatus.Blob,
            ["Failure"] = state.Failure is null ? null : JsonSerializer.Serialize(state.Failure, DurableSerializer.Options),
            ["Parent"] = state.Parent is null ? null : JsonSerializer.Serialize(state.Parent, DurableSerializer.Options),
            ["ParentInstanceId"] = state.Parent?.InstanceId,
            ["HistoryCount"] = state.HistoryCount,
            ["Version"] = state.Version,
        };
        return entity;
    }

    public static InstanceState FromEntity(TableEntity entity) => new()
    {
        InstanceId = entity.PartitionKey,
        Name = entity.GetString("Name") ?? "",
        ExecutionId = entity.GetString("ExecutionId") ?? "",
        Status = Enum.TryParse<OrchestrationRuntimeStatus>(entity.GetString("Status"), out var status) ? status : OrchestrationRuntimeStatus.Pending,
        CreatedAt = entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        LastUpdatedAt = entity.GetDateTimeOffset("LastUpdatedAt") ?? DateTimeOffset.MinValue,
        CompletedAt = entity.GetDateTimeOffset("CompletedAt"),
        Input = new StoredPayload(entity.GetString("Input"), entity.GetString("InputBlob")),
        Output = new StoredPayload(entity.GetString("Output"), entity.GetString("OutputBlob")),
        CustomStatus = new StoredPayload(entity.GetString("CustomStatus"), entity.GetString("CustomStatusBlob")),
        Failure = entity.GetString("Failure") is { } failure ? JsonSerializer.Deserialize<FailureDetails>(failure, DurableSerializer.Options) : null,
        Parent = entity.GetString("Parent") is { } parent ? JsonSerializer.Deserialize<ParentInstance>(parent, DurableSerializer.Options) : null,
        HistoryCount = entity.GetInt32("HistoryCount") ?? 0,
        Version = entity.GetInt64("Version") ?? 0,
        ETag = entity.ETag,
    };
}
