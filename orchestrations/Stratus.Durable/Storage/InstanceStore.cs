using Azure;
using Stratus.Storage;
using Stratus.Storage.Tables;

namespace Stratus.Durable.Storage;

/// <summary>The Instances table: one row per instance (PK = id), the queryable copy of each sentinel.</summary>
internal sealed class InstanceStore(TaskHub hub)
{
    public const string RowKey = "instance";

    public async Task<InstanceState?> GetAsync(string instanceId, CancellationToken cancellationToken)
    {
        var entity = await hub.Instances.GetAsync(instanceId, RowKey, cancellationToken);
        return entity is null ? null : InstanceStateRecords.FromEntity(entity);
    }

    /// <summary>
    /// Registers a new instance, or a new run of a finished one. A retry of
    /// this very start (same execution id), which succeeds instead of failing as a duplicate.
    /// </summary>
    /// <exception cref="InstanceAlreadyExistsException">The id is pending, running or suspended.</exception>
    /// <returns>The row's ETag.</returns>
    public async Task<ETag> CreateAsync(InstanceState state, CancellationToken cancellationToken)
    {
        var entity = InstanceStateRecords.ToEntity(state, state.InstanceId, RowKey);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await hub.Instances.InsertAsync(entity, cancellationToken);
            }
            catch (ResourceConflictException)
            {
            }

            var existing = await GetAsync(state.InstanceId, cancellationToken);
            if (existing is null && attempt < 3)
            {
                continue;
            }

            if (existing is null)
            {
                throw new InstanceAlreadyExistsException($"Instance '{state.InstanceId}' is being created and deleted concurrently; try again.");
            }

            if (existing.ExecutionId == state.ExecutionId)
            {
                return existing.ETag;
            }

            if (!existing.Status.IsTerminal() || attempt >= 3)
            {
                throw new InstanceAlreadyExistsException(
                    $"Instance '{state.InstanceId}' already exists and is {existing.Status}. Wait for it to finish, terminate it, or pick another id.");
            }

            try
            {
                return await hub.Instances.ReplaceAsync(entity, existing.ETag, cancellationToken);
            }
            catch (PreconditionFailedException)
            {
            }
        }
    }

    /// <summary>Copies the sentinel's state over the row.</summary>
    public async Task SaveAsync(InstanceState state, CancellationToken cancellationToken) =>
        await hub.Instances.UpsertAsync(InstanceStateRecords.ToEntity(state, state.InstanceId, RowKey), TableUpdateMode.Replace, cancellationToken);

    public async Task<TablePage> QueryAsync(TableFilter? filter, int pageSize, string? continuationToken, CancellationToken cancellationToken) =>
        await hub.Instances.QueryAsync(new TableQuery { Filter = filter, PageSize = pageSize }, continuationToken, cancellationToken);

    public async Task<bool> DeleteAsync(string instanceId, ETag ifMatch, CancellationToken cancellationToken)
    {
        try
        {
            await hub.Instances.DeleteAsync(instanceId, RowKey, ifMatch, cancellationToken);
            return true;
        }
        catch (ResourceNotFoundException)
        {
            return false;
        }
    }
}
