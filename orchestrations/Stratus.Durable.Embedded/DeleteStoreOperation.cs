namespace Stratus.Durable.Embedded;

/// <summary>Empties the store (DeleteAsync / CreateAsync(recreate)) and the in-memory mirror with it.</summary>
internal sealed class DeleteStoreOperation(DispatchQueues queues) : DurableWriteOperation
{
    public override void Apply(WriteStatements statements)
    {
        using var command = statements.Connection.CreateCommand();
        command.Transaction = statements.Transaction;
        command.CommandText = "DELETE FROM instances; DELETE FROM history; DELETE FROM orchestration_messages; DELETE FROM activity_messages;";
        command.ExecuteNonQuery();
    }

    public override void OnCommitted() => queues.Clear();
}
