using Azure.Data.Tables;
using Stratus.Storage.Tables;

namespace Stratus.Storage.Azure;

internal sealed class AzureTableService(TableServiceClient service) : ITableService
{
    public ITableClient GetTable(string name)
    {
        StorageNames.ValidateTableName(name);
        return new AzureTableClient(service.GetTableClient(name));
    }
}
