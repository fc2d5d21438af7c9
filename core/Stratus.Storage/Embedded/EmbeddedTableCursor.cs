namespace Stratus.Storage.Embedded;

/// <summary>Where a table scan resumes: at (<see cref="Inclusive"/>) or after the given encoded keys.</summary>
internal sealed record EmbeddedTableCursor(byte[] PartitionKey, byte[] RowKey, bool Inclusive);
