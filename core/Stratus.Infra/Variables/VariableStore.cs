using Azure;
using Stratus.Storage;
using Stratus.Storage.Tables;
using Stratus.Secrets;

namespace Stratus.Infra.Variables;

/// <summary>
/// Variables of workspaces, organizations (globals) and collections in <c>StratusVariables</c>, one partition per
/// organization. A variable is two rows written together: its data, keyed by owner, category and key (so a second
/// variable with the same key is refused by the table itself), and an id index. Sensitive values are stored only
/// encrypted (<see cref="SecretProtector"/>, bound to the owner and id); other values are stored as they are.
/// Changes are read-modify-write with ETags; a caller's <c>If-Match</c> version makes a stale write fail instead of
/// being retried.
/// </summary>
public sealed class VariableStore(IStorageAccount storage, SecretProtector protector, TimeProvider time)
{
    public const string TableName = "StratusVariables";
    private const int MaxAttempts = 16;
    private readonly ITableClient _table = storage.Tables.GetTable(TableName);
    private readonly InfraTable _ensure = new();

    /// <exception cref="VariableValidationException">The input breaks a rule.</exception>
    /// <exception cref="VariableConflictException">The owner has a variable with this key and category.</exception>
    public Task<Variable> CreateAsync(VariableOwner owner, VariableInput input, string actor, CancellationToken cancellationToken) =>
        CreateAsync(owner, input, actor, guard: null, cancellationToken);

    public async Task<Variable?> GetAsync(VariableOwner owner, string id, CancellationToken cancellationToken) =>
        (await FindAsync(owner, id, cancellationToken))?.Stored.Variable;

    /// <summary>One page of an owner's variables, ordered by category (ENV first) and key.</summary>
    public async Task<InfraPage<Variable>> ListAsync(VariableOwner owner, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var query = TableQuery.RowKeyPrefix(owner.Organization, VariableKeys.DataPrefix(owner));
        var items = new List<Variable>();
        var token = continuationToken;
        do
        {
            var page = await table.QueryAsync(query with { PageSize = pageSize - items.Count }, token, cancellationToken);
            items.AddRange(page.Items.Select(e => FromEntity(owner, e).Variable));
            token = page.ContinuationToken;
        }
        while (token is not null && items.Count < pageSize);

        return new InfraPage<Variable>(items, token);
    }

    /// <summary>Every variable of an owner, ordered by category and key.</summary>
    public async Task<IReadOnlyList<Variable>> ListAllAsync(VariableOwner owner, CancellationToken cancellationToken) =>
        (await ListStoredAsync(owner, cancellationToken)).Select(s => s.Variable).ToList();

    /// <summary>Applies <paramref name="patch"/>; with <paramref name="ifMatch"/>, only if the variable is still at that version.</summary>
    /// <returns>The changed variable, or <c>null</c> if the owner has no variable with this id.</returns>
    /// <exception cref="VariableValidationException">The change breaks a rule.</exception>
    /// <exception cref="VariableConflictException">The new key is taken.</exception>
    /// <exception cref="StaleVersionException">The variable is no longer at <paramref name="ifMatch"/>.</exception>
    public async Task<Variable?> UpdateAsync(VariableOwner owner, string id, VariablePatch patch, string? ifMatch, string actor, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            if (await FindAsync(owner, id, cancellationToken) is not { } found)
            {
                return null;
            }

            var current = found.Stored.Variable;
            CheckVersion(current, ifMatch);
            if (VariableRules.Check(current, patch) is { } problem)
            {
                throw new VariableValidationException(problem);
            }

            var updated = Apply(owner, found.Stored, patch, actor);
            var moved = updated.RowKey != found.Data.RowKey;
            try
            {
                if (moved)
                {
                    var pointer = new TableEntity(owner.Organization, VariableKeys.Id(owner, id)) { ["Key"] = updated.GetString("Key"), ["Category"] = updated.GetString("Category") };
                    var etags = await table.SubmitTransactionAsync(
                    [
                        TableTransactionAction.Delete(owner.Organization, found.Data.RowKey, found.Data.ETag),
                        TableTransactionAction.Insert(updated),
                        TableTransactionAction.Replace(pointer, found.Pointer.ETag),
                    ], cancellationToken);
                    updated.ETag = etags[1]!.Value;
                }
                else
                {
                    updated.ETag = await table.ReplaceAsync(updated, found.Data.ETag, cancellationToken);
                }

                return FromEntity(owner, updated).Variable;
            }
            catch (ResourceConflictException) when (moved)
            {
                throw new VariableConflictException(DuplicateMessage(owner, updated.GetString("Key")!, updated.GetString("Category")!));
            }
            catch (Exception ex) when (ex is PreconditionFailedException or ResourceNotFoundException && attempt < MaxAttempts)
            {
                // Someone else changed it between the read and the write: read again (and let CheckVersion judge).
            }
        }
    }

    /// <returns><c>false</c> if the owner has no variable with this id.</returns>
    /// <exception cref="StaleVersionException">The variable is no longer at <paramref name="ifMatch"/>.</exception>
    public async Task<bool> DeleteAsync(VariableOwner owner, string id, string? ifMatch, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            if (await FindAsync(owner, id, cancellationToken) is not { } found)
            {
                return false;
            }

            CheckVersion(found.Stored.Variable, ifMatch);
            try
            {
                await table.SubmitTransactionAsync(
                [
                    TableTransactionAction.Delete(owner.Organization, found.Data.RowKey, found.Data.ETag),
                    TableTransactionAction.Delete(owner.Organization, found.Pointer.RowKey, found.Pointer.ETag),
                ], cancellationToken);
                return true;
            }
            catch (Exception ex) when (ex is PreconditionFailedException or ResourceNotFoundException && attempt < MaxAttempts)
            {
                // Changed or removed concurrently: look again.
            }
        }
    }

    /// <summary>Removes every variable of an owner (a deleted workspace or collection).</summary>
    /// <returns>How many variables were removed.</returns>
    public async Task<int> DeleteAllAsync(VariableOwner owner, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var data = await table.QueryAllAsync(TableQuery.RowKeyPrefix(owner.Organization, VariableKeys.DataPrefix(owner)) with { Select = ["Id"] }, cancellationToken);
        var pointers = await table.QueryAllAsync(TableQuery.RowKeyPrefix(owner.Organization, VariableKeys.IdPrefix(owner)) with { Select = ["Key"] }, cancellationToken);
        await DeleteRowsAsync(table, owner.Organization, data.Concat(pointers).Select(e => e.RowKey).ToList(), cancellationToken);
        return data.Count;
    }

    /// <summary>
    /// Re-encrypts an organization's sensitive values that are not under the active key (after a key rotation), so
    /// the retired key can be dropped. Values changed concurrently are skipped: their writer encrypted them anew.
    /// </summary>
    public async Task<ReencryptionResult> ReencryptAsync(string organization, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var query = TableQuery.RowKeyPrefix(organization, "k|") with { Filter = TableFilter.Equal("Sensitive", true) };
        var count = 0;
        var undecryptable = new List<string>();
        await foreach (var entity in table.QueryAsyncEnumerable(query, cancellationToken))
        {
            if (entity.GetString("Secret") is not { } secret || protector.IsCurrent(secret) || OwnerOf(organization, entity.RowKey) is not { } owner)
            {
                continue;
            }

            var id = entity.GetString("Id") ?? "";
            try
            {
                var plain = protector.Unprotect(secret, Context(owner, id));
                entity["Secret"] = protector.Protect(plain, Context(owner, id));
                await table.ReplaceAsync(entity, entity.ETag, cancellationToken);
                count++;
            }
            catch (SecretProtectionException)
            {
                undecryptable.Add($"{owner.Describe()}: {entity.GetString("Key")}");
            }
            catch (Exception ex) when (ex is PreconditionFailedException or ResourceNotFoundException)
            {
                // Written or removed meanwhile; a write encrypts with the active key anyway.
            }
        }

        return new ReencryptionResult(count, undecryptable);
    }

    internal async Task<ITableClient> TableAsync(CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        return _table;
    }

    /// <param name="guard">An extra action for the same transaction, e.g. one that fails if a collection has gone.</param>
    internal async Task<Variable> CreateAsync(VariableOwner owner, VariableInput input, string actor, TableTransactionAction? guard, CancellationToken cancellationToken)
    {
        if (VariableRules.Check(input) is { } problem)
        {
            throw new VariableValidationException(problem);
        }

        var table = await TableAsync(cancellationToken);
        var id = Guid.NewGuid().ToString("N");
        var now = time.GetUtcNow();
        var category = VariableKeys.CategoryName(input.Category);
        var data = new TableEntity(owner.Organization, VariableKeys.Data(owner, input.Category, input.Key))
        {
            ["Id"] = id,
            ["Key"] = input.Key,
            ["Category"] = category,
            ["Description"] = string.IsNullOrEmpty(input.Description) ? null : input.Description,
            ["Sensitive"] = input.Sensitive,
            ["Hcl"] = input.Hcl,
            ["CreatedAt"] = now,
            ["CreatedBy"] = actor,
            ["UpdatedAt"] = now,
            ["UpdatedBy"] = actor,
        };
        SetValue(data, owner, id, input.Value, input.Sensitive);
        var pointer = new TableEntity(owner.Organization, VariableKeys.Id(owner, id)) { ["Key"] = input.Key, ["Category"] = category };
        List<TableTransactionAction> actions = [TableTransactionAction.Insert(data), TableTransactionAction.Insert(pointer)];
        if (guard is not null)
        {
            actions.Add(guard);
        }

        try
        {
            var etags = await table.SubmitTransactionAsync(actions, cancellationToken);
            data.ETag = etags[0]!.Value;
        }
        catch (ResourceConflictException ex) when (ex.FailedActionIndex is null or 0)
        {
            throw new VariableConflictException(DuplicateMessage(owner, input.Key, category));
        }

        return FromEntity(owner, data).Variable;
    }

    internal async Task<IReadOnlyList<StoredVariable>> ListStoredAsync(VariableOwner owner, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var rows = await table.QueryAllAsync(TableQuery.RowKeyPrefix(owner.Organization, VariableKeys.DataPrefix(owner)), cancellationToken);
        return rows.Select(e => FromEntity(owner, e)).ToList();
    }

    /// <summary>The plain value of a sensitive variable.</summary>
    /// <exception cref="SecretProtectionException">It cannot be decrypted with the configured keys.</exception>
    internal string Reveal(StoredVariable stored) =>
        protector.Unprotect(stored.ProtectedValue ?? throw new InvalidOperationException("The variable has no protected value."), Context(stored.Variable.Owner, stored.Variable.Id));

    internal static async Task DeleteRowsAsync(ITableClient table, string partition, IReadOnlyList<string> rowKeys, CancellationToken cancellationToken)
    {
        foreach (var chunk in rowKeys.Chunk(StorageLimits.MaxTransactionActions))
        {
            try
            {
                await table.SubmitTransactionAsync(chunk.Select(rk => TableTransactionAction.Delete(partition, rk, ETag.All)).ToList(), cancellationToken);
            }
            catch (ResourceNotFoundException)
            {
                // One of them went meanwhile; delete the rest one by one.
                foreach (var rowKey in chunk)
                {
                    try
                    {
                        await table.DeleteAsync(partition, rowKey, ETag.All, cancellationToken);
                    }
                    catch (ResourceNotFoundException)
                    {
                        // Already gone.
                    }
                }
            }
        }
    }

    private async Task<(StoredVariable Stored, TableEntity Data, TableEntity Pointer)?> FindAsync(VariableOwner owner, string id, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var pointer = await table.GetAsync(owner.Organization, VariableKeys.Id(owner, VariableKeys.Escape(id)), cancellationToken);
            if (pointer?.GetString("Key") is not { } key || ParseCategory(pointer.GetString("Category")) is not { } category)
            {
                return null;
            }

            var data = await table.GetAsync(owner.Organization, VariableKeys.Data(owner, category, key), cancellationToken);
            if (data is not null && data.GetString("Id") == id)
            {
                return (FromEntity(owner, data), data, pointer);
            }

            // Renamed between the two reads: the pointer has moved on, read it again.
        }

        return null;
    }

    private TableEntity Apply(VariableOwner owner, StoredVariable stored, VariablePatch patch, string actor)
    {
        var current = stored.Variable;
        var key = patch.Key ?? current.Key;
        var category = patch.Category ?? current.Category;
        var sensitive = patch.Sensitive ?? current.Sensitive;
        var description = patch.Description is null ? current.Description : patch.Description.Length == 0 ? null : patch.Description;
        var entity = new TableEntity(owner.Organization, VariableKeys.Data(owner, category, key))
        {
            ["Id"] = current.Id,
            ["Key"] = key,
            ["Category"] = VariableKeys.CategoryName(category),
            ["Description"] = description,
            ["Sensitive"] = sensitive,
            ["Hcl"] = patch.Hcl ?? current.Hcl,
            ["CreatedAt"] = current.CreatedAt,
            ["CreatedBy"] = current.CreatedBy,
            ["UpdatedAt"] = time.GetUtcNow(),
            ["UpdatedBy"] = actor,
        };

        if (patch.Value is not null)
        {
            SetValue(entity, owner, current.Id, patch.Value, sensitive);
        }
        else if (!current.Sensitive)
        {
            SetValue(entity, owner, current.Id, current.Value, sensitive);
        }
        else if (stored.ProtectedValue is { } secret)
        {
            // Still sensitive (the rules refuse un-sensitive without a new value): keep it, on the active key if possible.
            entity["Secret"] = protector.IsCurrent(secret) ? secret : TryReprotect(owner, current.Id, secret);
        }

        return entity;
    }

    private string TryReprotect(VariableOwner owner, string id, string secret)
    {
        try
        {
            return protector.Protect(protector.Unprotect(secret, Context(owner, id)), Context(owner, id));
        }
        catch (SecretProtectionException)
        {
            return secret;
        }
    }

    private void SetValue(TableEntity entity, VariableOwner owner, string id, string? value, bool sensitive)
    {
        if (sensitive)
        {
            entity["Value"] = null;
            entity["Secret"] = value is null ? null : protector.Protect(value, Context(owner, id));
        }
        else
        {
            entity["Value"] = value;
            entity["Secret"] = null;
        }
    }

    private static void CheckVersion(Variable current, string? ifMatch)
    {
        if (ifMatch is not null && ifMatch != "*" && !string.Equals(ifMatch, current.Version, StringComparison.Ordinal))
        {
            throw new StaleVersionException($"Variable '{current.Key}' has changed since version {ifMatch} was read; it is now at {current.Version}. Read it again and retry.");
        }
    }

    private static string DuplicateMessage(VariableOwner owner, string key, string category) =>
        $"{Capitalize(owner.Describe())} has a {category} variable '{key}' already; change that one instead.";

    private static string Capitalize(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>What a ciphertext is bound to: its organization, owner and variable id.</summary>
    private static string Context(VariableOwner owner, string id) => $"{owner.Organization}|{owner.Key}|{id}";

    private static VariableCategory? ParseCategory(string? text) => text switch
    {
        "TERRAFORM" => VariableCategory.Terraform,
        "ENV" => VariableCategory.Env,
        _ => null,
    };

    private static StoredVariable FromEntity(VariableOwner owner, TableEntity entity)
    {
        var sensitive = entity.GetBoolean("Sensitive") ?? false;
        var secret = entity.GetString("Secret");
        var value = sensitive ? null : entity.GetString("Value");
        var variable = new Variable(
            entity.GetString("Id") ?? "",
            owner,
            entity.GetString("Key") ?? "",
            ParseCategory(entity.GetString("Category")) ?? VariableCategory.Terraform,
            value,
            sensitive ? secret is not null : value is not null,
            entity.GetString("Description"),
            sensitive,
            entity.GetBoolean("Hcl") ?? false,
            entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
            entity.GetString("CreatedBy") ?? "",
            entity.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue,
            entity.GetString("UpdatedBy") ?? "",
            entity.ETag.ToString());
        return new StoredVariable(variable, sensitive ? secret : null);
    }

    /// <summary>The owner a data row belongs to, from its row key (for organization-wide sweeps).</summary>
    private static VariableOwner? OwnerOf(string organization, string rowKey)
    {
        var parts = rowKey.Split('|');
        if (parts.Length != 4)
        {
            return null;
        }

        return parts[1] switch
        {
            "org" => VariableOwner.ForOrganization(organization),
            var o when o.StartsWith("col:", StringComparison.Ordinal) => VariableOwner.ForCollection(organization, o[4..]),
            var o when o.StartsWith("ws:", StringComparison.Ordinal) => VariableOwner.ForWorkspace(new Workspaces.WorkspaceRef(organization, Unescape(o[3..]), Unescape(o[3..]), false)),
            _ => null,
        };
    }

    private static string Unescape(string value) => Uri.UnescapeDataString(value);
}
