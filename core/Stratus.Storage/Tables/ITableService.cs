namespace Stratus.Storage.Tables;

public interface ITableService
{
    /// <summary>A client for one table. The name is validated here (3–63 letters and digits, starting with a letter).</summary>
    ITableClient GetTable(string name);
}
