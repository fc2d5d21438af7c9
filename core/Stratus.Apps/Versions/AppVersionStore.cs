using System.Text.Json;
using Stratus.Apps.Apps;
using Stratus.Apps.Names;
using Stratus.Storage;
using Stratus.Storage.Tables;

namespace Stratus.Apps.Versions;

/// <summary>
/// App versions in the app's own partition of <c>StratusApps</c>: a counter row and <c>v|0000000042</c> rows.
/// Allocation writes the counter and the new version in one transaction (as jobs are numbered), so concurrent
/// deploys get distinct numbers with no gaps.
/// </summary>
public sealed class AppVersionStore(IStorageAccount storage, TimeProvider time)
{
    private readonly ITableClient _table = storage.Tables.GetTable(AppKeys.TableName);
    private readonly AppsTable _ensure = new();

    /// <summary>Takes the app's next version number and records it as <see cref="AppVersionStatus.Building"/>.</summary>
    /// <exception cref="InvalidAppRequestException">The app name is not valid.</exception>
    public async Task<AppVersion> AllocateAsync(string app, string createdBy, string? deployId, CancellationToken cancellationToken)
    {
        InvalidAppRequestException.ThrowIfProblem(AppNames.AppProblem(app));
        await _ensure.EnsureAsync(_table, cancellationToken);
        var partition = AppKeys.Partition(app);
        while (true)
        {
            var counter = await _table.GetAsync(partition, AppKeys.VersionCounter, cancellationToken);
            var number = (counter?.GetInt32("Last") ?? 0) + 1;
            var now = time.GetUtcNow();
            var version = new AppVersion(
                app, number, AppVersionStatus.Building, null, null, new Dictionary<string, string>(StringComparer.Ordinal), null, null,
                Successful: false, Disabled: false, null, createdBy, deployId, now, now);
            var counterRow = new TableEntity(partition, AppKeys.VersionCounter) { ["Last"] = number };
            TableTransactionAction[] actions =
            [
                counter is null ? TableTransactionAction.Insert(counterRow) : TableTransactionAction.Replace(counterRow, counter.ETag),
                TableTransactionAction.Insert(ToEntity(version)),
            ];
            try
            {
                await _table.SubmitTransactionAsync(actions, cancellationToken);
                return version;
            }
            catch (Exception ex) when (ex is PreconditionFailedException or ResourceConflictException)
            {
                // Another deploy took this number first: take the next one.
            }
        }
    }

    public async Task<AppVersion?> GetAsync(string app, int number, CancellationToken cancellationToken)
    {
        if (AppNames.AppProblem(app) is not null || number < 1)
        {
            return null;
        }

        await _ensure.EnsureAsync(_table, cancellationToken);
        return await _table.GetAsync(AppKeys.Partition(app), AppKeys.Version(number), cancellationToken) is { } entity ? FromEntity(app, entity) : null;
    }

    /// <summary>The app's versions, newest first (retention keeps the list short).</summary>
    public async Task<IReadOnlyList<AppVersion>> ListAsync(string app, CancellationToken cancellationToken)
    {
        if (AppNames.AppProblem(app) is not null)
        {
            return [];
        }

        await _ensure.EnsureAsync(_table, cancellationToken);
        var rows = await _table.QueryAllAsync(TableQuery.RowKeyPrefix(AppKeys.Partition(app), AppKeys.VersionPrefix), cancellationToken);
        return rows.Select(r => FromEntity(app, r)).OrderByDescending(v => v.Number).ToList();
    }

    /// <summary>Applies <paramref name="change"/> (app, number and creation stay), retrying on a concurrent change.</summary>
    /// <returns>The changed version, or <c>null</c> if there is none.</returns>
    public async Task<AppVersion?> UpdateAsync(string app, int number, Func<AppVersion, AppVersion> change, CancellationToken cancellationToken)
    {
        if (AppNames.AppProblem(app) is not null || number < 1)
        {
            return null;
        }

        await _ensure.EnsureAsync(_table, cancellationToken);
        while (true)
        {
            if (await _table.GetAsync(AppKeys.Partition(app), AppKeys.Version(number), cancellationToken) is not { } entity)
            {
                return null;
            }

            var current = FromEntity(app, entity);
            var updated = change(current) with { App = app, Number = number, CreatedAt = current.CreatedAt, UpdatedAt = time.GetUtcNow() };
            try
            {
                await _table.ReplaceAsync(ToEntity(updated), entity.ETag, cancellationToken);
                return updated;
            }
            catch (Exception ex) when (ex is PreconditionFailedException or ResourceNotFoundException)
            {
                // Changed or pruned meanwhile: read it again.
            }
        }
    }

    /// <summary>Marks a version as not (or again) usable for rollback, with the reason shown to users.</summary>
    public Task<AppVersion?> DisableAsync(string app, int number, bool disabled, string? reason, CancellationToken cancellationToken) =>
        UpdateAsync(app, number, v => v with { Disabled = disabled, DisabledReason = disabled ? reason : null }, cancellationToken);

    /// <summary>
    /// Splits the versions into those to keep, the <paramref name="keep"/> newest plus the one serving
    /// (<paramref name="currentVersion"/>) and any still building, and those retention may delete.
    /// </summary>
    public async Task<AppVersionPrune> PlanPruneAsync(string app, int keep, int? currentVersion, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        var all = await ListAsync(app, cancellationToken);
        var kept = new List<AppVersion>();
        var deleted = new List<AppVersion>();
        for (var i = 0; i < all.Count; i++)
        {
            var v = all[i];
            (i < keep || v.Number == currentVersion || v.Status == AppVersionStatus.Building ? kept : deleted).Add(v);
        }

        return new AppVersionPrune(kept, deleted);
    }

    /// <summary>The versions retention keeps (see <see cref="PlanPruneAsync"/>), newest first.</summary>
    public async Task<IReadOnlyList<AppVersion>> ListRetainedAsync(string app, int keep, int? currentVersion, CancellationToken cancellationToken) =>
        (await PlanPruneAsync(app, keep, currentVersion, cancellationToken)).Keep;

    /// <summary>Deletes version rows (after their images are gone). Numbers are never reused: the counter stays.</summary>
    /// <returns>How many rows were deleted.</returns>
    public async Task<int> DeleteAsync(string app, IEnumerable<int> numbers, CancellationToken cancellationToken)
    {
        if (AppNames.AppProblem(app) is not null)
        {
            return 0;
        }

        await _ensure.EnsureAsync(_table, cancellationToken);
        var deleted = 0;
        foreach (var number in numbers.Distinct())
        {
            if (number >= 1 && await TableRows.DeleteIfExistsAsync(_table, AppKeys.Partition(app), AppKeys.Version(number), cancellationToken))
            {
                deleted++;
            }
        }

        return deleted;
    }

    private static TableEntity ToEntity(AppVersion v) => new(AppKeys.Partition(v.App), AppKeys.Version(v.Number))
    {
        ["Number"] = v.Number,
        ["Status"] = v.Status,
        ["Image"] = v.Image,
        ["ManifestDigest"] = v.ManifestDigest,
        ["Processes"] = JsonSerializer.Serialize(v.Processes),
        ["ExposedPort"] = v.ExposedPort,
        ["BuildManifest"] = v.BuildManifest,
        ["Successful"] = v.Successful,
        ["Disabled"] = v.Disabled,
        ["DisabledReason"] = TextClip.Checked(v.DisabledReason, "reason"),
        ["CreatedBy"] = v.CreatedBy,
        ["DeployId"] = v.DeployId,
        ["CreatedAt"] = v.CreatedAt,
        ["UpdatedAt"] = v.UpdatedAt,
    };

    private static AppVersion FromEntity(string app, TableEntity e) => new(
        app,
        e.GetInt32("Number") ?? 0,
        e.GetString("Status") ?? AppVersionStatus.Building,
        e.GetString("Image"),
        e.GetString("ManifestDigest"),
        AppsJson.ReadStrings(e.GetString("Processes")),
        e.GetInt32("ExposedPort"),
        e.GetString("BuildManifest"),
        e.GetBoolean("Successful") ?? false,
        e.GetBoolean("Disabled") ?? false,
        e.GetString("DisabledReason"),
        e.GetString("CreatedBy") ?? "",
        e.GetString("DeployId"),
        e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue);
}
