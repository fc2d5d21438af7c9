using Stratus.Storage.Blobs;
using Stratus.Storage.Tables;

namespace Stratus.Apps;

/// <summary>Creates a table (or blob container) once per process, retrying after a failure; stores call it before their first operation.</summary>
internal sealed class AppsTable
{
    private Task? _created;

    public Task EnsureAsync(ITableClient table, CancellationToken cancellationToken) => EnsureAsync(table.CreateIfNotExistsAsync, cancellationToken);

    public Task EnsureAsync(IBlobContainerClient container, CancellationToken cancellationToken) => EnsureAsync(container.CreateIfNotExistsAsync, cancellationToken);

    private Task EnsureAsync(Func<CancellationToken, Task> create, CancellationToken cancellationToken)
    {
        var created = _created;
        if (created is null || created.IsFaulted || created.IsCanceled)
        {
            created = _created = create(CancellationToken.None);
        }

        return created.IsCompletedSuccessfully ? Task.CompletedTask : created.WaitAsync(cancellationToken);
    }
}
