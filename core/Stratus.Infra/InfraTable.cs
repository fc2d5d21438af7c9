using Stratus.Storage.Tables;

namespace Stratus.Infra;

/// <summary>Creates a table once per process, retrying after a failure; stores call it before their first operation.</summary>
internal sealed class InfraTable
{
    private Task? _created;

    public Task EnsureAsync(ITableClient table, CancellationToken cancellationToken)
    {
        var created = _created;
        if (created is null || created.IsFaulted || created.IsCanceled)
        {
            created = _created = table.CreateIfNotExistsAsync(CancellationToken.None);
        }

        return created.IsCompletedSuccessfully ? Task.CompletedTask : created.WaitAsync(cancellationToken);
    }
}
