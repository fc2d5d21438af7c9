namespace Stratus.Storage.Tables;

public enum TableTransactionActionType
{
    Insert,
    Replace,
    Merge,
    UpsertReplace,
    UpsertMerge,
    Delete,
}
