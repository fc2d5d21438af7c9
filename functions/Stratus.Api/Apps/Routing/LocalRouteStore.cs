using System.Text.Json;
using Stratus.Storage;
using Stratus.Storage.Tables;

namespace Stratus.Api.Apps.Routing;

/// <summary>
/// The local proxy's route table in <c>StratusRoutes</c>, shared by every host instance: partition <c>host</c> holds one
/// row per routed name (<c>myapp</c>, <c>web.process.myapp</c>, <c>v3.version.myapp</c>, or a cname), so the proxy
/// resolves a request with one point read. Partition <c>app|&lt;app&gt;</c> lists an app's names, so a re-route
/// removes the names it no longer has.
/// </summary>
internal sealed class LocalRouteStore(IStorageAccount storage)
{
    public const string TableName = "StratusRoutes";
    private const string HostPartition = "host";
    private readonly ITableClient _table = storage.Tables.GetTable(TableName);
    private readonly Stratus.Infra.InfraTable _ensure = new();

    public async Task<LocalRoute?> FindAsync(string hostName, CancellationToken cancellationToken)
    {
        await EnsureAsync(cancellationToken);
        return await _table.GetAsync(HostPartition, Key(hostName), cancellationToken) is { } row
            ? new LocalRoute(row.GetString("App")!, row.GetString("Prefix") ?? "", JsonSerializer.Deserialize<string[]>(row.GetString("Addresses") ?? "[]") ?? [])
            : null;
    }

    /// <summary>Sets the app's names to exactly <paramref name="routes"/> (name → route).</summary>
    public async Task ReplaceAsync(string app, IReadOnlyDictionary<string, LocalRoute> routes, CancellationToken cancellationToken)
    {
        await EnsureAsync(cancellationToken);
        var owned = await _table.QueryAllAsync(TableQuery.Partition(AppPartition(app)), cancellationToken);
        foreach (var (name, route) in routes)
        {
            await _table.UpsertAsync(new TableEntity(AppPartition(app), Key(name)), cancellationToken: cancellationToken);
            await _table.UpsertAsync(new TableEntity(HostPartition, Key(name))
            {
                ["App"] = app,
                ["Prefix"] = route.Prefix,
                ["Addresses"] = JsonSerializer.Serialize(route.Addresses),
            }, cancellationToken: cancellationToken);
        }

        foreach (var stale in owned.Where(row => !routes.ContainsKey(row.RowKey)))
        {
            await DeleteIfOwnedAsync(app, stale.RowKey, cancellationToken);
        }
    }

    public Task RemoveAsync(string app, CancellationToken cancellationToken) =>
        ReplaceAsync(app, new Dictionary<string, LocalRoute>(), cancellationToken);

    private async Task DeleteIfOwnedAsync(string app, string name, CancellationToken cancellationToken)
    {
        // A cname can move to another app; only delete the host row while it still points at this one.
        if (await _table.GetAsync(HostPartition, name, cancellationToken) is { } row && row.GetString("App") == app)
        {
            await IgnoreMissingAsync(_table.DeleteAsync(HostPartition, name, row.ETag, cancellationToken));
        }

        await IgnoreMissingAsync(_table.DeleteAsync(AppPartition(app), name, Azure.ETag.All, cancellationToken));
    }

    private static async Task IgnoreMissingAsync(Task delete)
    {
        try
        {
            await delete;
        }
        catch (Exception ex) when (ex is ResourceNotFoundException or PreconditionFailedException)
        {
            // Gone or changed meanwhile: nothing of ours to remove.
        }
    }

    private static string Key(string name) => name.ToLowerInvariant();

    private static string AppPartition(string app) => "app|" + app;

    private Task EnsureAsync(CancellationToken cancellationToken) => _ensure.EnsureAsync(_table, cancellationToken);
}
