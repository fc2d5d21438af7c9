using Stratus.Storage.Tables;

namespace Stratus.Storage.Embedded;

internal sealed class EmbeddedTableService(EmbeddedDatabase database, TimeProvider clock) : ITableService
{
    public ITableClient GetTable(string name) => new EmbeddedTableClient(database, clock, name);
}
