using Azure;

namespace Stratus.Storage.Tables;

/// <summary>
/// One action of an entity-group transaction. <see cref="IfMatch"/> applies to Replace, Merge and Delete; the default
/// (an empty ETag) means <see cref="ETag.All"/>.
/// </summary>
public sealed record TableTransactionAction(TableTransactionActionType Type, TableEntity Entity, ETag IfMatch = default)
{
    public ETag EffectiveIfMatch => IfMatch == default ? ETag.All : IfMatch;

    public static TableTransactionAction Insert(TableEntity entity) => new(TableTransactionActionType.Insert, entity);

    public static TableTransactionAction Replace(TableEntity entity, ETag ifMatch) => new(TableTransactionActionType.Replace, entity, ifMatch);

    public static TableTransactionAction Merge(TableEntity entity, ETag ifMatch) => new(TableTransactionActionType.Merge, entity, ifMatch);

    public static TableTransactionAction Upsert(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Replace) =>
        new(mode == TableUpdateMode.Replace ? TableTransactionActionType.UpsertReplace : TableTransactionActionType.UpsertMerge, entity);

    public static TableTransactionAction Delete(string partitionKey, string rowKey, ETag ifMatch) =>
        new(TableTransactionActionType.Delete, new TableEntity(partitionKey, rowKey), ifMatch);
}
