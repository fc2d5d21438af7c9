namespace Stratus.Storage.Tables;

public enum TableUpdateMode
{
    Replace,
    Merge,
}
