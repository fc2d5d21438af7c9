using Stratus.Storage.Tables;

namespace Stratus.Storage.AzureRest;

internal sealed class AzureTableService(AzureStorageTransport transport) : ITableService
{
    public ITableClient GetTable(string name)
    {
        StorageNames.ValidateTableName(name);
        return new AzureTableClient(transport, name);
    }
}
