using System.Security.Cryptography;
using System.Text;
using Stratus.Storage;
using Stratus.Storage.Tables;

namespace Stratus.Infra.Vcs;

/// <summary>
/// VCS connections, workspace links, handled webhook deliveries and speculative runs in <c>StratusVcs</c>. Partitions:
/// <c>conn|{org}</c> (row: connection id), <c>link|{org}</c> (row: workspace), <c>delivery|{org}|{connection}</c>
/// (row: a hash of the provider's delivery id, which may hold characters a row key may not) and <c>run|{org}|{ws}</c>
/// (row: job id).
/// </summary>
public sealed class VcsStore(IStorageAccount storage)
{
    public const string TableName = "StratusVcs";
    private readonly ITableClient _table = storage.Tables.GetTable(TableName);
    private readonly InfraTable _ensure = new();

    /// <returns><c>false</c> when the organization has a connection with this id already.</returns>
    public async Task<bool> CreateConnectionAsync(VcsConnection connection, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        try
        {
            await _table.InsertAsync(
                new TableEntity("conn|" + connection.Organization, connection.Id)
                {
                    ["Provider"] = connection.Provider,
                    ["ApiUrl"] = connection.ApiUrl,
                    ["Token"] = connection.ProtectedToken,
                    ["WebhookSecret"] = connection.ProtectedWebhookSecret,
                    ["CreatedAt"] = connection.CreatedAt,
                    ["CreatedBy"] = connection.CreatedBy,
                },
                cancellationToken);
            return true;
        }
        catch (ResourceConflictException)
        {
            return false;
        }
    }

    public async Task<VcsConnection?> GetConnectionAsync(string organization, string id, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        return await _table.GetAsync("conn|" + organization, id, cancellationToken) is { } e ? ConnectionFrom(organization, e) : null;
    }

    public async Task<IReadOnlyList<VcsConnection>> ListConnectionsAsync(string organization, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        return (await QueryAllAsync("conn|" + organization, cancellationToken)).Select(e => ConnectionFrom(organization, e)).ToList();
    }

    public Task<bool> DeleteConnectionAsync(string organization, string id, CancellationToken cancellationToken) =>
        DeleteAsync("conn|" + organization, id, cancellationToken);

    public async Task SetLinkAsync(VcsLink link, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        await _table.UpsertAsync(
            new TableEntity("link|" + link.Organization, link.Workspace)
            {
                ["Connection"] = link.Connection,
                ["Repository"] = link.Repository,
                ["Branches"] = string.Join('\n', link.Branches),
                ["Folders"] = string.Join('\n', link.Folders),
                ["Template"] = link.Template,
                ["SpeculativePlans"] = link.SpeculativePlans,
                ["CreatedAt"] = link.CreatedAt,
                ["CreatedBy"] = link.CreatedBy,
            },
            cancellationToken: cancellationToken);
    }

    public async Task<VcsLink?> GetLinkAsync(string organization, string workspace, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        return await _table.GetAsync("link|" + organization, workspace, cancellationToken) is { } e ? LinkFrom(organization, e) : null;
    }

    /// <summary>The links of an organization's workspaces to <paramref name="repository"/> through <paramref name="connection"/> (repository names compare without case, as the providers do).</summary>
    public async Task<IReadOnlyList<VcsLink>> LinksToAsync(string organization, string connection, string repository, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        return (await QueryAllAsync("link|" + organization, cancellationToken))
            .Select(e => LinkFrom(organization, e))
            .Where(l => l.Connection == connection && string.Equals(l.Repository, repository, StringComparison.OrdinalIgnoreCase))
            .ToList();
    }

    public Task<bool> DeleteLinkAsync(string organization, string workspace, CancellationToken cancellationToken) =>
        DeleteAsync("link|" + organization, workspace, cancellationToken);

    public async Task<bool> IsDeliveryHandledAsync(string organization, string connection, string deliveryId, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        return await _table.GetAsync(DeliveryPartition(organization, connection), DeliveryRow(deliveryId), cancellationToken) is not null;
    }

    public async Task MarkDeliveryHandledAsync(string organization, string connection, string deliveryId, string eventName, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        await _table.UpsertAsync(
            new TableEntity(DeliveryPartition(organization, connection), DeliveryRow(deliveryId)) { ["DeliveryId"] = deliveryId, ["Event"] = eventName, ["HandledAt"] = at },
            cancellationToken: cancellationToken);
    }

    public async Task AddSpeculativeRunAsync(VcsSpeculativeRun run, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        await _table.UpsertAsync(
            new TableEntity(RunPartition(run.Organization, run.Workspace), RunRow(run.JobId))
            {
                ["Connection"] = run.Connection,
                ["Repository"] = run.Repository,
                ["ProjectId"] = run.ProjectId,
                ["PullRequest"] = run.PullRequest,
                ["Sha"] = run.Sha,
            },
            cancellationToken: cancellationToken);
    }

    public async Task<VcsSpeculativeRun?> GetSpeculativeRunAsync(string organization, string workspace, int jobId, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        return await _table.GetAsync(RunPartition(organization, workspace), RunRow(jobId), cancellationToken) is { } e
            ? new VcsSpeculativeRun(
                organization, workspace, jobId, e.GetString("Connection") ?? "", e.GetString("Repository") ?? "", e.GetString("ProjectId") ?? "",
                e.GetInt32("PullRequest") ?? 0, e.GetString("Sha") ?? "")
            : null;
    }

    private static string DeliveryPartition(string organization, string connection) => $"delivery|{organization}|{connection}";

    private static string DeliveryRow(string deliveryId) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(deliveryId)));

    private static string RunPartition(string organization, string workspace) => $"run|{organization}|{workspace}";

    private static string RunRow(int jobId) => jobId.ToString("D10", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<List<TableEntity>> QueryAllAsync(string partition, CancellationToken cancellationToken)
    {
        var all = new List<TableEntity>();
        string? continuation = null;
        do
        {
            var page = await _table.QueryAsync(TableQuery.Partition(partition), continuation, cancellationToken);
            all.AddRange(page.Items);
            continuation = page.ContinuationToken;
        }
        while (continuation is not null);
        return all;
    }

    private async Task<bool> DeleteAsync(string partition, string row, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        try
        {
            await _table.DeleteAsync(partition, row, Azure.ETag.All, cancellationToken);
            return true;
        }
        catch (ResourceNotFoundException)
        {
            return false;
        }
    }

    private static VcsConnection ConnectionFrom(string organization, TableEntity e) => new(
        organization, e.RowKey, e.GetString("Provider") ?? "", e.GetString("ApiUrl") ?? "", e.GetString("Token") ?? "", e.GetString("WebhookSecret") ?? "",
        e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue, e.GetString("CreatedBy") ?? "");

    private static VcsLink LinkFrom(string organization, TableEntity e) => new(
        organization, e.RowKey, e.GetString("Connection") ?? "", e.GetString("Repository") ?? "", Lines(e.GetString("Branches")), Lines(e.GetString("Folders")),
        e.GetString("Template"), e.GetBoolean("SpeculativePlans") ?? true, e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue, e.GetString("CreatedBy") ?? "");

    private static string[] Lines(string? text) => string.IsNullOrEmpty(text) ? [] : text.Split('\n');
}
