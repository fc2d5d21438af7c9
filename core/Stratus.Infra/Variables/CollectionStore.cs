using Azure;
using Stratus.Infra.Workspaces;
using Stratus.Storage;
using Stratus.Storage.Tables;

namespace Stratus.Infra.Variables;

/// <summary>
/// Collections, their items and their workspace references, in the variables table next to the organization's other
/// variables. Adding an item or a reference is one transaction with a conditional touch of the collection row, so
/// nothing is ever added to a collection that is being deleted. References are stored both ways
/// (<c>r|collection|workspace</c> and <c>w|workspace|collection</c>) so a run finds its collections without a scan.
/// </summary>
public sealed class CollectionStore(VariableStore variables, TimeProvider time)
{
    public const int MinPriority = -10_000;
    public const int MaxPriority = 10_000;
    private const int MaxAttempts = 16;

    /// <exception cref="VariableValidationException">The name, description or priority is not valid.</exception>
    /// <exception cref="VariableConflictException">The organization has a collection with this name.</exception>
    public async Task<VariableCollection> CreateAsync(string organization, string name, string? description, int priority, string actor, CancellationToken cancellationToken)
    {
        var nameProblem = InfraNames.Problem(name, "collection name") is { } text ? new VariableProblem("name", text) : null;
        if ((nameProblem ?? VariableRules.DescriptionProblem(description) ?? PriorityProblem(priority)) is { } problem)
        {
            throw new VariableValidationException(problem);
        }

        var table = await variables.TableAsync(cancellationToken);
        var now = time.GetUtcNow();
        var entity = new TableEntity(organization, VariableKeys.Collection(name))
        {
            ["Name"] = name,
            ["Description"] = string.IsNullOrEmpty(description) ? null : description,
            ["Priority"] = priority,
            ["Deleting"] = false,
            ["CreatedAt"] = now,
            ["CreatedBy"] = actor,
            ["UpdatedAt"] = now,
            ["UpdatedBy"] = actor,
        };
        try
        {
            entity.ETag = await table.InsertAsync(entity, cancellationToken);
        }
        catch (ResourceConflictException)
        {
            // A collection half-way through deletion still holds the name; either way the name is taken for now.
            throw new VariableConflictException($"Organization '{organization}' has a collection named '{name}' already.");
        }

        return FromEntity(organization, entity);
    }

    public async Task<VariableCollection?> GetAsync(string organization, string name, CancellationToken cancellationToken) =>
        (await FindAsync(organization, name, cancellationToken)) is { } entity ? FromEntity(organization, entity) : null;

    /// <summary>One page of an organization's collections, by name.</summary>
    public async Task<InfraPage<VariableCollection>> ListAsync(string organization, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var table = await variables.TableAsync(cancellationToken);
        // Every collection row carries Deleting (a filter on a missing property matches nothing, as in Azure Tables).
        var query = TableQuery.RowKeyPrefix(organization, VariableKeys.CollectionPrefix) with { Filter = TableFilter.Equal("Deleting", false) };
        var items = new List<VariableCollection>();
        var token = continuationToken;
        do
        {
            var page = await table.QueryAsync(query with { PageSize = pageSize - items.Count }, token, cancellationToken);
            items.AddRange(page.Items.Select(e => FromEntity(organization, e)));
            token = page.ContinuationToken;
        }
        while (token is not null && items.Count < pageSize);

        return new InfraPage<VariableCollection>(items, token);
    }

    /// <returns>The changed collection, or <c>null</c> if there is none.</returns>
    /// <exception cref="VariableValidationException">The description or priority is not valid.</exception>
    /// <exception cref="StaleVersionException">The collection is no longer at <paramref name="ifMatch"/>.</exception>
    public async Task<VariableCollection?> UpdateAsync(
        string organization, string name, string? description, int? priority, string? ifMatch, string actor, CancellationToken cancellationToken)
    {
        if ((VariableRules.DescriptionProblem(description) ?? (priority is { } p ? PriorityProblem(p) : null)) is { } problem)
        {
            throw new VariableValidationException(problem);
        }

        var table = await variables.TableAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            if (await FindAsync(organization, name, cancellationToken) is not { } entity)
            {
                return null;
            }

            CheckVersion(name, entity, ifMatch);
            if (description is not null)
            {
                entity["Description"] = description.Length == 0 ? null : description;
            }

            if (priority is not null)
            {
                entity["Priority"] = priority.Value;
            }

            entity["UpdatedAt"] = time.GetUtcNow();
            entity["UpdatedBy"] = actor;
            try
            {
                entity.ETag = await table.ReplaceAsync(entity, entity.ETag, cancellationToken);
                return FromEntity(organization, entity);
            }
            catch (Exception ex) when (ex is PreconditionFailedException or ResourceNotFoundException && attempt < MaxAttempts)
            {
                // Changed meanwhile: read again.
            }
        }
    }

    /// <summary>
    /// Deletes a collection with its items and references. The collection is first marked as being deleted (so it
    /// disappears and nothing more can be added to it), then emptied, then removed; a crash half-way leaves a marked
    /// collection that a second delete finishes.
    /// </summary>
    /// <returns><c>false</c> if there is no such collection.</returns>
    /// <exception cref="StaleVersionException">The collection is no longer at <paramref name="ifMatch"/>.</exception>
    public async Task<bool> DeleteAsync(string organization, string name, string? ifMatch, CancellationToken cancellationToken)
    {
        var table = await variables.TableAsync(cancellationToken);
        TableEntity? marked = null;
        for (var attempt = 1; marked is null; attempt++)
        {
            var entity = await table.GetAsync(organization, VariableKeys.Collection(name), cancellationToken);
            if (entity is null)
            {
                return false;
            }

            if (entity.GetBoolean("Deleting") == true)
            {
                // An earlier delete stopped half-way: finish it.
                marked = entity;
                break;
            }

            CheckVersion(name, entity, ifMatch);
            entity["Deleting"] = true;
            try
            {
                entity.ETag = await table.ReplaceAsync(entity, entity.ETag, cancellationToken);
                marked = entity;
            }
            catch (Exception ex) when (ex is PreconditionFailedException or ResourceNotFoundException && attempt < MaxAttempts)
            {
                // Changed meanwhile: read again.
            }
        }

        await variables.DeleteAllAsync(VariableOwner.ForCollection(organization, name), cancellationToken);
        var references = await table.QueryAllAsync(TableQuery.RowKeyPrefix(organization, VariableKeys.ReferencePrefix(name)), cancellationToken);
        var rows = references.SelectMany(r => new[] { r.RowKey, VariableKeys.WorkspaceReference(r.GetString("WorkspaceId") ?? "", name) }).ToList();
        await VariableStore.DeleteRowsAsync(table, organization, rows, cancellationToken);
        await VariableStore.DeleteRowsAsync(table, organization, [marked.RowKey], cancellationToken);
        return true;
    }

    /// <returns>The new item, or <c>null</c> if there is no such collection.</returns>
    /// <exception cref="VariableValidationException">The input breaks a rule.</exception>
    /// <exception cref="VariableConflictException">The collection has an item with this key and category.</exception>
    public async Task<Variable?> AddItemAsync(string organization, string collection, VariableInput input, string actor, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await FindAsync(organization, collection, cancellationToken) is not { } entity)
            {
                return null;
            }

            try
            {
                return await variables.CreateAsync(VariableOwner.ForCollection(organization, collection), input, actor, Touch(entity), cancellationToken);
            }
            catch (Exception ex) when (ex is PreconditionFailedException or ResourceNotFoundException && attempt < MaxAttempts)
            {
                // The collection changed (or went) between the read and the write: look again.
            }
        }
    }

    /// <returns>The collection's items, or <c>null</c> if there is no such collection.</returns>
    public async Task<InfraPage<Variable>?> ListItemsAsync(string organization, string collection, int pageSize, string? continuationToken, CancellationToken cancellationToken) =>
        await FindAsync(organization, collection, cancellationToken) is null
            ? null
            : await variables.ListAsync(VariableOwner.ForCollection(organization, collection), pageSize, continuationToken, cancellationToken);

    /// <summary>Adds (or keeps) a reference from a collection to a workspace.</summary>
    /// <returns>The reference, or <c>null</c> if there is no such collection.</returns>
    public async Task<CollectionReference?> AddReferenceAsync(string organization, string collection, WorkspaceRef workspace, string actor, CancellationToken cancellationToken)
    {
        var table = await variables.TableAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            if (await FindAsync(organization, collection, cancellationToken) is not { } entity)
            {
                return null;
            }

            var existing = await table.GetAsync(organization, VariableKeys.Reference(collection, workspace.Id), cancellationToken);
            if (existing is not null)
            {
                return ReferenceFromEntity(organization, collection, existing);
            }

            var now = time.GetUtcNow();
            var reference = new TableEntity(organization, VariableKeys.Reference(collection, workspace.Id))
            {
                ["WorkspaceId"] = workspace.Id,
                ["WorkspaceName"] = workspace.Name,
                ["CreatedAt"] = now,
                ["CreatedBy"] = actor,
            };
            var back = new TableEntity(organization, VariableKeys.WorkspaceReference(workspace.Id, collection)) { ["Collection"] = collection };
            try
            {
                await table.SubmitTransactionAsync([Touch(entity), TableTransactionAction.Insert(reference), TableTransactionAction.Upsert(back)], cancellationToken);
                return ReferenceFromEntity(organization, collection, reference);
            }
            catch (Exception ex) when (ex is PreconditionFailedException or ResourceNotFoundException or ResourceConflictException && attempt < MaxAttempts)
            {
                // The collection changed, or another caller added the same reference: look again.
            }
        }
    }

    /// <summary>Removes a collection's references to workspaces named <paramref name="workspaceName"/> (also to a deleted one).</summary>
    /// <returns><c>false</c> if there was none.</returns>
    public async Task<bool> RemoveReferenceAsync(string organization, string collection, string workspaceName, CancellationToken cancellationToken)
    {
        var table = await variables.TableAsync(cancellationToken);
        var matching = (await ListReferencesAsync(organization, collection, cancellationToken)).Where(r => r.WorkspaceName == workspaceName).ToList();
        foreach (var reference in matching)
        {
            await VariableStore.DeleteRowsAsync(
                table,
                organization,
                [VariableKeys.Reference(collection, reference.WorkspaceId), VariableKeys.WorkspaceReference(reference.WorkspaceId, collection)],
                cancellationToken);
        }

        return matching.Count > 0;
    }

    public async Task<IReadOnlyList<CollectionReference>> ListReferencesAsync(string organization, string collection, CancellationToken cancellationToken)
    {
        var table = await variables.TableAsync(cancellationToken);
        var rows = await table.QueryAllAsync(TableQuery.RowKeyPrefix(organization, VariableKeys.ReferencePrefix(collection)), cancellationToken);
        return rows.Select(r => ReferenceFromEntity(organization, collection, r)).OrderBy(r => r.WorkspaceName, StringComparer.Ordinal).ToList();
    }

    /// <summary>The collections that apply to a workspace, highest priority first (then by name).</summary>
    public async Task<IReadOnlyList<VariableCollection>> CollectionsForAsync(WorkspaceRef workspace, CancellationToken cancellationToken)
    {
        var table = await variables.TableAsync(cancellationToken);
        var rows = await table.QueryAllAsync(TableQuery.RowKeyPrefix(workspace.Organization, VariableKeys.WorkspaceReferencePrefix(workspace.Id)), cancellationToken);
        var collections = new List<VariableCollection>();
        foreach (var name in rows.Select(r => r.GetString("Collection")).OfType<string>())
        {
            if (await GetAsync(workspace.Organization, name, cancellationToken) is { } collection)
            {
                collections.Add(collection);
            }
        }

        return collections.OrderByDescending(c => c.Priority).ThenBy(c => c.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>Removes every reference to a workspace (when the workspace is deleted).</summary>
    public async Task RemoveWorkspaceAsync(WorkspaceRef workspace, CancellationToken cancellationToken)
    {
        var table = await variables.TableAsync(cancellationToken);
        var rows = await table.QueryAllAsync(TableQuery.RowKeyPrefix(workspace.Organization, VariableKeys.WorkspaceReferencePrefix(workspace.Id)), cancellationToken);
        var keys = rows.SelectMany(r => new[] { r.RowKey, VariableKeys.Reference(r.GetString("Collection") ?? "", workspace.Id) }).ToList();
        await VariableStore.DeleteRowsAsync(table, workspace.Organization, keys, cancellationToken);
    }

    public static VariableProblem? PriorityProblem(int priority) =>
        priority is < MinPriority or > MaxPriority
            ? new VariableProblem("priority", $"The priority must be between {MinPriority} and {MaxPriority}; it was {priority}.")
            : null;

    /// <summary>The live collection row, or <c>null</c> if there is none or it is being deleted.</summary>
    private async Task<TableEntity?> FindAsync(string organization, string name, CancellationToken cancellationToken)
    {
        var table = await variables.TableAsync(cancellationToken);
        var entity = await table.GetAsync(organization, VariableKeys.Collection(name), cancellationToken);
        return entity is null || entity.GetBoolean("Deleting") == true ? null : entity;
    }

    /// <summary>A conditional touch of the collection row: the transaction fails if the collection changed or went.</summary>
    private TableTransactionAction Touch(TableEntity collection) =>
        TableTransactionAction.Merge(new TableEntity(collection.PartitionKey, collection.RowKey) { ["ContentChangedAt"] = time.GetUtcNow() }, collection.ETag);

    private static bool Matches(TableEntity entity, string ifMatch) => ifMatch == "*" || string.Equals(entity.ETag.ToString(), ifMatch, StringComparison.Ordinal);

    private static void CheckVersion(string name, TableEntity entity, string? ifMatch)
    {
        if (ifMatch is not null && !Matches(entity, ifMatch))
        {
            throw new StaleVersionException($"Collection '{name}' has changed since version {ifMatch} was read; it is now at {entity.ETag}. Read it again and retry.");
        }
    }

    private static VariableCollection FromEntity(string organization, TableEntity entity) => new(
        organization,
        entity.GetString("Name") ?? entity.RowKey[VariableKeys.CollectionPrefix.Length..],
        entity.GetString("Description"),
        entity.GetInt32("Priority") ?? 0,
        entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        entity.GetString("CreatedBy") ?? "",
        entity.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue,
        entity.GetString("UpdatedBy") ?? "",
        entity.ETag.ToString());

    private static CollectionReference ReferenceFromEntity(string organization, string collection, TableEntity entity) => new(
        organization,
        collection,
        entity.GetString("WorkspaceId") ?? "",
        entity.GetString("WorkspaceName") ?? "",
        entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        entity.GetString("CreatedBy") ?? "");
}
