using Azure;
using Stratus.Apps.Deploys;
using Stratus.Apps.Names;
using Stratus.Storage;
using Stratus.Storage.Tables;
using Stratus.Secrets;

namespace Stratus.Apps.Apps;

/// <summary>
/// Apps and their environment in <c>StratusApps</c> (keys in <see cref="AppKeys"/>). The app row carries an ETag:
/// <see cref="UpdateAsync"/> re-reads and re-applies on a concurrent change, <see cref="ReplaceAsync"/> refuses one.
/// Private env values are encrypted with the <see cref="SecretProtector"/>, bound to <c>app-env:&lt;app&gt;:&lt;name&gt;</c>
/// so a ciphertext copied to another variable does not decrypt.
/// </summary>
public sealed class AppStore(IStorageAccount storage, SecretProtector protector, TimeProvider time)
{
    public const string TableName = AppKeys.TableName;
    private readonly ITableClient _table = storage.Tables.GetTable(TableName);

    /// <summary>Made on first use: its owner check calls this store's <see cref="GetAsync"/>.</summary>
    private EnvRows Env => field ??= new(_table, protector, time, AppKeys.Partition, RequireAsync, "app-env");
    private readonly DeployStore _deploys = new(storage, time);
    private readonly AppsTable _ensure = new();

    /// <returns>The stored app, with its ETag and times.</returns>
    /// <exception cref="InvalidAppRequestException">The app has a problem.</exception>
    /// <exception cref="AppConflictException">An app with the name exists.</exception>
    public async Task<App> CreateAsync(App app, CancellationToken cancellationToken)
    {
        InvalidAppRequestException.ThrowIfProblem(app.Problem());
        await _ensure.EnsureAsync(_table, cancellationToken);
        var now = time.GetUtcNow();
        var stored = app with { CreatedAt = now, UpdatedAt = now };
        try
        {
            var etag = await _table.InsertAsync(ToEntity(stored), cancellationToken);
            return stored with { ETag = etag.ToString() };
        }
        catch (ResourceConflictException)
        {
            throw new AppConflictException(app.Name);
        }
    }

    public async Task<App?> GetAsync(string name, CancellationToken cancellationToken)
    {
        if (AppNames.AppProblem(name) is not null)
        {
            return null;
        }

        await _ensure.EnsureAsync(_table, cancellationToken);
        return await _table.GetAsync(AppKeys.IndexPartition, name, cancellationToken) is { } entity ? FromEntity(entity) : null;
    }

    /// <summary>Every app (one partition), optionally only those of a pool and/or a team owner, by name.</summary>
    public async Task<IReadOnlyList<App>> ListAsync(string? pool, string? teamOwner, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        var rows = await _table.QueryAllAsync(Query(pool, teamOwner), cancellationToken);
        return rows.Select(FromEntity).ToList();
    }

    /// <summary>One page of <see cref="ListAsync(string?, string?, CancellationToken)"/>.</summary>
    /// <exception cref="InvalidStorageRequestException"><paramref name="continuationToken"/> is not one this list returned.</exception>
    public async Task<AppsPage<App>> ListAsync(string? pool, string? teamOwner, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        var page = await _table.QueryAsync(Query(pool, teamOwner) with { PageSize = pageSize }, continuationToken, cancellationToken);
        return new AppsPage<App>(page.Items.Select(FromEntity).ToList(), page.ContinuationToken);
    }

    private static TableQuery Query(string? pool, string? teamOwner)
    {
        TableFilter? filter = null;
        if (pool is not null)
        {
            filter = TableFilter.Equal("Pool", pool);
        }

        if (teamOwner is not null)
        {
            filter = filter is null ? TableFilter.Equal("TeamOwner", teamOwner) : filter & TableFilter.Equal("TeamOwner", teamOwner);
        }

        return TableQuery.Partition(AppKeys.IndexPartition) with { Filter = filter };
    }

    /// <summary>Applies <paramref name="change"/> to the app (name and creation time stay), re-reading and re-applying on a concurrent change.</summary>
    /// <returns>The changed app with its new ETag, or <c>null</c> if there is none.</returns>
    /// <exception cref="InvalidAppRequestException">The changed app has a problem.</exception>
    public async Task<App?> UpdateAsync(string name, Func<App, App> change, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await GetAsync(name, cancellationToken) is not { } current)
            {
                return null;
            }

            try
            {
                return await ReplaceAsync(change(current) with { ETag = current.ETag }, cancellationToken);
            }
            catch (PreconditionFailedException)
            {
                // Someone else changed it first: apply ours to their version.
            }
        }
    }

    /// <summary>Writes <paramref name="app"/> only over the version its <see cref="App.ETag"/> names (any version when it has none).</summary>
    /// <returns>The stored app with its new ETag, or <c>null</c> if there is no such app.</returns>
    /// <exception cref="PreconditionFailedException">The app changed since it was read.</exception>
    public async Task<App?> ReplaceAsync(App app, CancellationToken cancellationToken)
    {
        InvalidAppRequestException.ThrowIfProblem(app.Problem());
        await _ensure.EnsureAsync(_table, cancellationToken);
        var current = await _table.GetAsync(AppKeys.IndexPartition, app.Name, cancellationToken);
        if (current is null)
        {
            return null;
        }

        var stored = app with { CreatedAt = current.GetDateTimeOffset("CreatedAt") ?? app.CreatedAt, UpdatedAt = time.GetUtcNow() };
        try
        {
            var etag = await _table.ReplaceAsync(ToEntity(stored), app.ETag is null ? ETag.All : new ETag(app.ETag), cancellationToken);
            return stored with { ETag = etag.ToString() };
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Removes the app with its env, versions and deploy history. Its own rows go first and the app row last, so a
    /// removal cut short leaves the app visible and can be run again. Events stay: they are the audit trail.
    /// </summary>
    /// <returns><c>false</c> if there was no such app.</returns>
    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        if (AppNames.AppProblem(name) is not null)
        {
            return false;
        }

        await _ensure.EnsureAsync(_table, cancellationToken);
        await TableRows.DeletePartitionAsync(_table, AppKeys.Partition(name), cancellationToken);
        await _deploys.DeleteAppAsync(name, cancellationToken);
        return await TableRows.DeleteIfExistsAsync(_table, AppKeys.IndexPartition, name, cancellationToken);
    }

    /// <summary>The app's env, by name, private values masked (value <c>null</c>).</summary>
    /// <exception cref="AppNotFoundException">There is no such app.</exception>
    public Task<IReadOnlyList<EnvVar>> GetEnvAsync(string app, CancellationToken cancellationToken) => Env.ReadMaskedAsync(app, cancellationToken);

    /// <summary>The app's env with private values decrypted: for the runtime that starts the app's units, never for display.</summary>
    /// <exception cref="AppNotFoundException">There is no such app.</exception>
    /// <exception cref="SecretProtectionException">A private value does not decrypt (wrong or missing key, or altered).</exception>
    public Task<IReadOnlyList<EnvVar>> GetEnvForDeployAsync(string app, CancellationToken cancellationToken) => Env.ReadDecryptedAsync(app, cancellationToken);

    /// <summary>
    /// Sets variables in one transaction; with <paramref name="pruneUnused"/> every other variable is removed in the
    /// same transaction, so readers see the old env or the new one, never a mix. At most 100 rows change at once.
    /// </summary>
    /// <exception cref="AppNotFoundException">There is no such app.</exception>
    /// <exception cref="InvalidAppRequestException">A variable has a problem, or too many change at once.</exception>
    public Task SetEnvAsync(string app, IEnumerable<EnvVar> envs, bool pruneUnused, CancellationToken cancellationToken) =>
        Env.SetAsync(app, envs, pruneUnused, cancellationToken);

    /// <summary>Removes the named variables (absent ones are ignored) in one transaction.</summary>
    /// <exception cref="AppNotFoundException">There is no such app.</exception>
    public Task UnsetEnvAsync(string app, IEnumerable<string> names, CancellationToken cancellationToken) =>
        Env.UnsetAsync(app, names, cancellationToken);

    private async Task RequireAsync(string app, CancellationToken cancellationToken)
    {
        if (await GetAsync(app, cancellationToken) is null)
        {
            throw new AppNotFoundException(app);
        }
    }

    private static TableEntity ToEntity(App a) => new(AppKeys.IndexPartition, a.Name)
    {
        ["Platform"] = a.Platform,
        ["Plan"] = a.Plan,
        ["TeamOwner"] = a.TeamOwner,
        ["Pool"] = a.Pool,
        ["Description"] = TextClip.Checked(a.Description, "description"),
        ["Tags"] = AppsJson.Write(a.Tags),
        ["RouterOptions"] = AppsJson.Write(a.RouterOptions),
        ["CNames"] = AppsJson.Write(a.CNames),
        ["Processes"] = AppsJson.Write(a.Processes),
        ["Stopped"] = a.Stopped,
        ["CurrentVersion"] = a.CurrentVersion,
        ["RestartedAt"] = a.RestartedAt,
        ["CreatedAt"] = a.CreatedAt,
        ["UpdatedAt"] = a.UpdatedAt,
    };

    private static App FromEntity(TableEntity e) => new(
        e.RowKey,
        e.GetString("Platform"),
        e.GetString("Plan") ?? "",
        e.GetString("TeamOwner") ?? "",
        e.GetString("Pool") ?? "",
        e.GetString("Description"),
        AppsJson.ReadList(e.GetString("Tags")),
        AppsJson.ReadStrings(e.GetString("RouterOptions")),
        AppsJson.ReadList(e.GetString("CNames")),
        AppsJson.ReadCounts(e.GetString("Processes")),
        e.GetBoolean("Stopped") ?? false,
        e.GetInt32("CurrentVersion"),
        e.GetDateTimeOffset("RestartedAt"),
        e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue,
        e.ETag.ToString());

}
