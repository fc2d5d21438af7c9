using Azure;
using Stratus.Durable.History;

namespace Stratus.Durable.Storage;

/// <summary>A message waiting in an instance's inbox. <see cref="DueAt"/> holds back a scheduled start until its time.</summary>
internal sealed record InboxRow(string RowKey, ETag ETag, HistoryEvent Event, DateTimeOffset? DueAt);
