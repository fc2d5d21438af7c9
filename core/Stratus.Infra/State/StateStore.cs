using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Azure;
using Stratus.Storage;
using Stratus.Storage.Blobs;
using Stratus.Storage.Tables;

namespace Stratus.Infra.State;

/// <summary>
/// Workspace state on the storage ports, as terraform's http backend needs it, with history and rollback.
/// <list type="bullet">
/// <item>Every version's content is a blob in <see cref="ContainerName"/>, <c>{org}/{ws}/v{number:D8}-{random}.tfstate</c>,
/// written before the version is committed. The random suffix gives each write attempt a blob of its own, so two
/// writers racing for the same number never overwrite each other's content; a losing attempt deletes its blob, and a
/// crashed one leaves an unreferenced blob (harmless; <see cref="PurgeAsync"/> removes it with the workspace).</item>
/// <item>A version becomes real in one entity-group transaction in <see cref="TableName"/>: the <c>current</c> row is
/// replaced with the ETag read before (so of two concurrent writers of version N one wins and the other retries as
/// N+1), the version's history row is inserted, and the <c>lock</c> row is rewritten with the ETag read before (so a
/// lock taken after the write checked it makes the write retry and see the lock).</item>
/// <item>The lock is that <c>lock</c> row: inserted if absent or taken over with its ETag when free, holding
/// terraform's lock info. Exactly one of any number of concurrent lockers wins.</item>
/// </list>
/// Version numbers are never reused, not even after <see cref="DeleteAsync"/> (which keeps history, so a deleted
/// state can be rolled back); only <see cref="PurgeAsync"/> starts a workspace over.
/// </summary>
public sealed class StateStore
{
    public const string ContainerName = "stratus-state";
    public const string TableName = "StratusStateHistory";
    public const int MaxPageSize = 1000;
    private const int MaxAttempts = 100;

    private readonly ITableClient _table;
    private readonly IBlobContainerClient _blobs;
    private readonly TimeProvider _time;
    private Task? _created;

    public StateStore(IStorageAccount storage, TimeProvider time, StateStoreOptions? options = null)
    {
        _table = storage.Tables.GetTable(TableName);
        _blobs = storage.Blobs.GetContainer(ContainerName);
        _time = time;
        Options = options ?? new StateStoreOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.MaxStateBytes, 1);
    }

    public StateStoreOptions Options { get; }

    /// <returns>The current version's metadata, or <c>null</c> when the workspace has no state (never had, or deleted).</returns>
    public async Task<StateVersion?> GetCurrentAsync(string organization, string workspace, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        var pointer = await _table.GetAsync(StateRows.PartitionKey(organization, workspace), StateRows.PointerRow, cancellationToken);
        return pointer is null || StateRows.IsDeleted(pointer) ? null : StateRows.ToVersion(pointer);
    }

    /// <returns>The current state's content, or <c>null</c> when there is none. The caller disposes it.</returns>
    public async Task<StateContent?> OpenCurrentAsync(string organization, string workspace, CancellationToken cancellationToken) =>
        await GetCurrentAsync(organization, workspace, cancellationToken) is { } current ? await OpenAsync(current, cancellationToken) : null;

    public async Task<StateVersion?> GetVersionAsync(string organization, string workspace, long number, CancellationToken cancellationToken)
    {
        if (number is < 1 or > StateRows.MaxVersion)
        {
            return null;
        }

        await EnsureCreatedAsync(cancellationToken);
        var row = await _table.GetAsync(StateRows.PartitionKey(organization, workspace), StateRows.VersionRowKey(number), cancellationToken);
        return row is null ? null : StateRows.ToVersion(row);
    }

    /// <returns>Version <paramref name="number"/>'s content, or <c>null</c> if there is no such version. The caller disposes it.</returns>
    public async Task<StateContent?> OpenVersionAsync(string organization, string workspace, long number, CancellationToken cancellationToken) =>
        await GetVersionAsync(organization, workspace, number, cancellationToken) is { } version ? await OpenAsync(version, cancellationToken) : null;

    /// <summary>Versions newest first, starting at <paramref name="fromVersion"/> (inclusive) or at the newest.</summary>
    public async Task<StateVersionPage> ListVersionsAsync(string organization, string workspace, int pageSize, long? fromVersion, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);
        if (fromVersion < 1)
        {
            return new StateVersionPage([], null);
        }

        await EnsureCreatedAsync(cancellationToken);
        var query = TableQuery.RowKeyPrefix(StateRows.PartitionKey(organization, workspace), StateRows.VersionPrefix);
        if (fromVersion is { } from)
        {
            query = query with { RowKeyFrom = StateRows.VersionRowKey(Math.Min(from, StateRows.MaxVersion)) };
        }

        var items = new List<StateVersion>();
        string? token = null;
        do
        {
            var page = await _table.QueryAsync(query with { PageSize = Math.Min(pageSize + 1 - items.Count, MaxPageSize) }, token, cancellationToken);
            items.AddRange(page.Items.Select(StateRows.ToVersion));
            token = page.ContinuationToken;
        }
        while (token is not null && items.Count <= pageSize);

        return items.Count > pageSize ? new StateVersionPage(items[..pageSize], items[pageSize].Number) : new StateVersionPage(items, null);
    }

    /// <summary>
    /// Stores a new state as the next version, unless it equals the current one (then <see cref="StateWriteStatus.Unchanged"/>,
    /// which makes a retried upload harmless). When the state is locked, only the holder's lock id may write. A state
    /// of another lineage, a lower serial, or the same serial with other content is a <see cref="StateWriteStatus.Conflict"/>
    /// (see <see cref="StateSuccession"/>) unless <see cref="StateWriteRequest.Force"/>.
    /// </summary>
    public async Task<StateWriteResult> WriteAsync(StateWriteRequest request, CancellationToken cancellationToken)
    {
        if (!StateSources.IsKnown(request.Source) || request.Source == StateSources.Rollback)
        {
            throw new ArgumentException($"Source '{request.Source}' is not one a write can have; use '{StateSources.Backend}' or '{StateSources.Job}'.", nameof(request));
        }

        if (request.JobId is { } jobId && StateWriteRequest.JobIdProblem(jobId) is { } jobIdProblem)
        {
            throw new ArgumentException(jobIdProblem, nameof(request));
        }

        if (request.Content.Length > Options.MaxStateBytes)
        {
            return new StateWriteResult(StateWriteStatus.TooLarge, Problem: $"The state is {request.Content.Length} bytes; the limit is {Options.MaxStateBytes}.");
        }

        if (StateDocument.Parse(request.Content.Span, out var problem) is not { } document)
        {
            return new StateWriteResult(StateWriteStatus.Invalid, Problem: problem);
        }

        var prepared = Prepare(request.Content, document);
        if (request.ContentMd5 is { } md5 && !string.Equals(md5.Trim(), prepared.Md5, StringComparison.Ordinal))
        {
            return new StateWriteResult(StateWriteStatus.Invalid, Problem: $"Content-MD5 '{md5}' does not match the body ({prepared.Md5}): the upload was damaged on the way. Send it again.");
        }

        await EnsureCreatedAsync(cancellationToken);
        var commit = new Commit(request.CreatedBy, request.Source, request.JobId, NullIfEmpty(request.LockId), RolledBackFrom: null, Deduplicate: true, CheckSuccession: !request.Force);
        return await CommitAsync(request.Organization, request.Workspace, _ => prepared, commit, cancellationToken);
    }

    /// <summary>
    /// Makes version <paramref name="number"/>'s content current again, as a new version. Its serial is set above every
    /// serial the workspace has had (the current one and the copied one), because terraform treats a lower serial of the
    /// same lineage as stale: <c>terraform state push</c> refuses it, and HCP Terraform refuses any state version whose
    /// serial does not go up. Everything else (lineage, resources, outputs) is the old version's, byte for byte.
    /// Refused while someone holds the lock, unless <paramref name="lockId"/> is that lock.
    /// </summary>
    public async Task<StateWriteResult> RollbackAsync(string organization, string workspace, long number, string createdBy, string? lockId, CancellationToken cancellationToken)
    {
        if (await ReadVersionAsync(organization, workspace, number, cancellationToken) is not { } content)
        {
            return new StateWriteResult(StateWriteStatus.VersionNotFound, Problem: $"There is no state version {number}.");
        }

        if (StateDocument.Parse(content, out var problem) is not { } document)
        {
            return new StateWriteResult(StateWriteStatus.Invalid, Problem: $"Version {number} cannot be restored: {problem}");
        }

        PreparedState? last = null;
        PreparedState PrepareFor(StateVersion? latest)
        {
            var serial = Math.Max(latest?.Serial ?? 0, document.Serial) + 1;
            if (last?.Document.Serial != serial)
            {
                var bumped = document.WithSerial(content, serial);
                last = Prepare(bumped, StateDocument.Parse(bumped, out _)!);
            }

            return last;
        }

        var commit = new Commit(createdBy, StateSources.Rollback, JobId: null, NullIfEmpty(lockId), RolledBackFrom: number, Deduplicate: false, CheckSuccession: false);
        return await CommitAsync(organization, workspace, PrepareFor, commit, cancellationToken);
    }

    /// <summary>
    /// Deletes the current state: terraform then sees none. History stays (a rollback brings the state back) unless
    /// <paramref name="purge"/>, which removes every version, blob and the lock row. Refused while someone else holds the lock.
    /// </summary>
    public async Task<StateDeleteResult> DeleteAsync(string organization, string workspace, string? lockId, bool purge, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        var partitionKey = StateRows.PartitionKey(organization, workspace);
        lockId = NullIfEmpty(lockId);
        for (var attempt = 0; ; attempt++)
        {
            var lockRow = await _table.GetAsync(partitionKey, StateRows.LockRow, cancellationToken);
            if (StateRows.ToLock(lockRow) is { } held && held.Id != lockId)
            {
                return new StateDeleteResult(StateDeleteStatus.Locked, Lock: held);
            }

            var pointer = await _table.GetAsync(partitionKey, StateRows.PointerRow, cancellationToken);
            var current = pointer is null || StateRows.IsDeleted(pointer) ? null : StateRows.ToVersion(pointer);
            if (purge)
            {
                return await PurgeAsync(organization, workspace, cancellationToken)
                    ? new StateDeleteResult(StateDeleteStatus.Deleted, current, Purged: true)
                    : new StateDeleteResult(StateDeleteStatus.NoState);
            }

            if (pointer is null || current is null)
            {
                return new StateDeleteResult(StateDeleteStatus.NoState);
            }

            try
            {
                await _table.SubmitTransactionAsync(
                [
                    TableTransactionAction.Replace(StateRows.PointerEntity(partitionKey, current, deleted: true), pointer.ETag),
                    KeepLock(partitionKey, lockRow),
                ], cancellationToken);
                return new StateDeleteResult(StateDeleteStatus.Deleted, current);
            }
            catch (StorageException ex) when (IsLostRace(ex) && attempt < MaxAttempts)
            {
                await BackoffAsync(attempt, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Removes everything stored for the workspace (versions, blobs, lock), whoever holds the lock: for deleting a
    /// workspace. Nothing should write to it meanwhile.
    /// </summary>
    /// <returns><c>true</c> if anything was stored.</returns>
    public async Task<bool> PurgeAsync(string organization, string workspace, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        var partitionKey = StateRows.PartitionKey(organization, workspace);
        var found = false;
        if (await _table.GetAsync(partitionKey, StateRows.PointerRow, cancellationToken) is not null)
        {
            // The pointer first: from here on readers see no state, whatever is left to remove.
            found = await DeleteRowQuietlyAsync(partitionKey, StateRows.PointerRow, cancellationToken);
        }

        var rows = await _table.QueryAllAsync(TableQuery.Partition(partitionKey) with { Select = ["Held"] }, cancellationToken);
        foreach (var chunk in rows.Chunk(StorageLimits.MaxTransactionActions))
        {
            found = true;
            try
            {
                await _table.SubmitTransactionAsync(chunk.Select(r => TableTransactionAction.Delete(partitionKey, r.RowKey, ETag.All)).ToList(), cancellationToken);
            }
            catch (ResourceNotFoundException)
            {
                foreach (var row in chunk)
                {
                    await DeleteRowQuietlyAsync(partitionKey, row.RowKey, cancellationToken);
                }
            }
        }

        string? token = null;
        do
        {
            var page = await _blobs.ListAsync(BlobPrefix(organization, workspace), token, cancellationToken: cancellationToken);
            foreach (var blob in page.Items)
            {
                found = true;
                await _blobs.DeleteAsync(blob.Name, cancellationToken: cancellationToken);
            }

            token = page.ContinuationToken;
        }
        while (token is not null);

        return found;
    }

    /// <summary>Takes the lock with terraform's lock info, if it is free or already held under the same id.</summary>
    public async Task<StateLockResult> LockAsync(string organization, string workspace, StateLockInfo info, string lockedBy, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        var partitionKey = StateRows.PartitionKey(organization, workspace);
        for (var attempt = 0; ; attempt++)
        {
            var row = await _table.GetAsync(partitionKey, StateRows.LockRow, cancellationToken);
            if (StateRows.ToLock(row) is { } held)
            {
                return new StateLockResult(held.Id == info.Id, held);
            }

            var mine = new StateLock(info, lockedBy, _time.GetUtcNow());
            try
            {
                if (row is null)
                {
                    await _table.InsertAsync(StateRows.HeldLockEntity(partitionKey, mine), cancellationToken);
                }
                else
                {
                    await _table.ReplaceAsync(StateRows.HeldLockEntity(partitionKey, mine), row.ETag, cancellationToken);
                }

                return new StateLockResult(true, mine);
            }
            catch (StorageException ex) when (IsLostRace(ex) && attempt < MaxAttempts)
            {
                await BackoffAsync(attempt, cancellationToken);
            }
        }
    }

    /// <summary>Releases the lock if <paramref name="lockId"/> holds it. Unlocking an unlocked state changes nothing.</summary>
    public Task<StateUnlockResult> UnlockAsync(string organization, string workspace, string lockId, CancellationToken cancellationToken) =>
        ReleaseAsync(organization, workspace, lockId, cancellationToken);

    /// <summary>Releases the lock whoever holds it (an operator's fix for a run that died holding it).</summary>
    public Task<StateUnlockResult> ForceUnlockAsync(string organization, string workspace, CancellationToken cancellationToken) =>
        ReleaseAsync(organization, workspace, lockId: null, cancellationToken);

    /// <returns>The held lock, or <c>null</c> when the state is unlocked.</returns>
    public async Task<StateLock?> GetLockAsync(string organization, string workspace, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        return StateRows.ToLock(await _table.GetAsync(StateRows.PartitionKey(organization, workspace), StateRows.LockRow, cancellationToken));
    }

    private async Task<StateUnlockResult> ReleaseAsync(string organization, string workspace, string? lockId, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        var partitionKey = StateRows.PartitionKey(organization, workspace);
        for (var attempt = 0; ; attempt++)
        {
            var row = await _table.GetAsync(partitionKey, StateRows.LockRow, cancellationToken);
            if (StateRows.ToLock(row) is not { } held)
            {
                return new StateUnlockResult(StateUnlockStatus.NotLocked, null);
            }

            if (lockId is not null && held.Id != lockId)
            {
                return new StateUnlockResult(StateUnlockStatus.HeldByOther, held);
            }

            try
            {
                await _table.ReplaceAsync(StateRows.FreeLockEntity(partitionKey), row!.ETag, cancellationToken);
                return new StateUnlockResult(StateUnlockStatus.Unlocked, held);
            }
            catch (StorageException ex) when (IsLostRace(ex) && attempt < MaxAttempts)
            {
                await BackoffAsync(attempt, cancellationToken);
            }
        }
    }

    private async Task<StateWriteResult> CommitAsync(string organization, string workspace, Func<StateVersion?, PreparedState> prepare, Commit commit, CancellationToken cancellationToken)
    {
        var partitionKey = StateRows.PartitionKey(organization, workspace);
        string? blob = null;
        var blobFor = (Number: 0L, Sha256: "");
        var keepBlob = false;
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                var lockRow = await _table.GetAsync(partitionKey, StateRows.LockRow, cancellationToken);
                var held = StateRows.ToLock(lockRow);
                if (held is not null && held.Id != commit.LockId)
                {
                    return new StateWriteResult(StateWriteStatus.Locked, Lock: held,
                        Problem: commit.LockId is null ? $"The state is locked by {held.Id}." : $"The state is locked by {held.Id}, not by {commit.LockId}.");
                }

                if (held is null && commit.LockId is not null)
                {
                    return new StateWriteResult(StateWriteStatus.LockNotHeld,
                        Problem: $"The request names lock {commit.LockId}, but the state is not locked: the lock was released or force-unlocked. Run terraform again.");
                }

                var pointer = await _table.GetAsync(partitionKey, StateRows.PointerRow, cancellationToken);
                var latest = pointer is null ? null : StateRows.ToVersion(pointer);
                var prepared = prepare(latest);
                if (commit.Deduplicate && latest is not null && !StateRows.IsDeleted(pointer!) && latest.Sha256 == prepared.Sha256)
                {
                    return new StateWriteResult(StateWriteStatus.Unchanged, latest);
                }

                // Checked against the pointer this attempt commits over, so a racing writer's version is checked too.
                // A deleted state has no successor rules: terraform sees no state and starts a new lineage.
                if (commit.CheckSuccession && latest is not null && !StateRows.IsDeleted(pointer!) && StateSuccession.Problem(latest, prepared.Document) is { } conflict)
                {
                    return new StateWriteResult(StateWriteStatus.Conflict, latest, Problem: conflict);
                }

                var number = (latest?.Number ?? 0) + 1;
                if (blob is not null && blobFor != (number, prepared.Sha256))
                {
                    await DeleteBlobQuietlyAsync(blob);
                    blob = null;
                }

                if (blob is null)
                {
                    var name = BlobName(organization, workspace, number);
                    await UploadAsync(name, number, prepared, cancellationToken);
                    (blob, blobFor) = (name, (number, prepared.Sha256));
                }

                var version = new StateVersion(
                    number, prepared.Document.Serial, prepared.Document.Lineage, prepared.Content.Length, prepared.Sha256, prepared.Md5,
                    _time.GetUtcNow(), commit.CreatedBy, commit.Source, commit.JobId, commit.RolledBackFrom, prepared.Document.TerraformVersion, blob);
                var pointerEntity = StateRows.PointerEntity(partitionKey, version, deleted: false);
                TableTransactionAction[] actions =
                [
                    pointer is null ? TableTransactionAction.Insert(pointerEntity) : TableTransactionAction.Replace(pointerEntity, pointer.ETag),
                    TableTransactionAction.Insert(StateRows.VersionEntity(partitionKey, StateRows.VersionRowKey(number), version)),
                    KeepLock(partitionKey, lockRow),
                ];

                // Until the service answers, the commit may have happened: the blob must stay.
                keepBlob = true;
                try
                {
                    await _table.SubmitTransactionAsync(actions, cancellationToken);
                    return new StateWriteResult(StateWriteStatus.Created, version);
                }
                catch (StorageException ex) when (IsLostRace(ex) && attempt < MaxAttempts)
                {
                    keepBlob = false;
                    await BackoffAsync(attempt, cancellationToken);
                }
            }
        }
        finally
        {
            if (blob is not null && !keepBlob)
            {
                await DeleteBlobQuietlyAsync(blob);
            }
        }
    }

    /// <summary>Rewrites the lock row as it was read (or inserts a free one), so the transaction fails if the lock changed meanwhile.</summary>
    private static TableTransactionAction KeepLock(string partitionKey, TableEntity? lockRow) =>
        lockRow is null
            ? TableTransactionAction.Insert(StateRows.FreeLockEntity(partitionKey))
            : TableTransactionAction.Replace(lockRow.Clone(), lockRow.ETag);

    private async Task<byte[]?> ReadVersionAsync(string organization, string workspace, long number, CancellationToken cancellationToken)
    {
        await using var old = await OpenVersionAsync(organization, workspace, number, cancellationToken);
        if (old is null)
        {
            return null;
        }

        using var buffer = new MemoryStream((int)Math.Min(old.Version.Size, int.MaxValue));
        await old.Content.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    private async Task<StateContent?> OpenAsync(StateVersion version, CancellationToken cancellationToken)
    {
        try
        {
            return new StateContent(version, await _blobs.DownloadAsync(version.BlobName, cancellationToken: cancellationToken));
        }
        catch (ResourceNotFoundException)
        {
            // Purged between the row read and the download.
            return null;
        }
    }

    private async Task UploadAsync(string name, long number, PreparedState prepared, CancellationToken cancellationToken)
    {
        using var stream = MemoryMarshal.TryGetArray(prepared.Content, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(prepared.Content.ToArray(), writable: false);
        await _blobs.UploadAsync(name, stream, new BlobUploadOptions
        {
            ContentType = "application/json",
            Metadata = new Dictionary<string, string>
            {
                ["version"] = number.ToString(CultureInfo.InvariantCulture),
                ["serial"] = prepared.Document.Serial.ToString(CultureInfo.InvariantCulture),
                ["sha256"] = prepared.Sha256,
            },
        }, cancellationToken);
    }

    private async Task DeleteBlobQuietlyAsync(string name)
    {
        try
        {
            await _blobs.DeleteAsync(name, cancellationToken: CancellationToken.None);
        }
        catch (StorageException)
        {
            // An unreferenced blob is harmless; a purge removes it with the workspace.
        }
    }

    private async Task<bool> DeleteRowQuietlyAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            await _table.DeleteAsync(partitionKey, rowKey, ETag.All, cancellationToken);
            return true;
        }
        catch (ResourceNotFoundException)
        {
            return false;
        }
    }

    private async ValueTask EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        var created = _created;
        if (created is null || created.IsFaulted || created.IsCanceled)
        {
            created = _created = Task.WhenAll(_table.CreateIfNotExistsAsync(CancellationToken.None), _blobs.CreateIfNotExistsAsync(CancellationToken.None));
        }

        await created.WaitAsync(cancellationToken);
    }

    private static PreparedState Prepare(ReadOnlyMemory<byte> content, StateDocument document) =>
        new(content, document, Convert.ToHexStringLower(SHA256.HashData(content.Span)), Convert.ToBase64String(MD5.HashData(content.Span)));

    private static string BlobPrefix(string organization, string workspace) => $"{organization}/{workspace}/";

    private static string BlobName(string organization, string workspace, long number) =>
        $"{BlobPrefix(organization, workspace)}v{number.ToString("D8", CultureInfo.InvariantCulture)}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}.tfstate";

    private static bool IsLostRace(StorageException ex) => ex is PreconditionFailedException or ResourceConflictException or ResourceNotFoundException;

    /// <summary>A short random pause, growing with the attempts, so racing writers do not retry in lockstep.</summary>
    private static Task BackoffAsync(int attempt, CancellationToken cancellationToken) =>
        Task.Delay(TimeSpan.FromMilliseconds(RandomNumberGenerator.GetInt32(1, 5 + (Math.Min(attempt, 20) * 5))), cancellationToken);

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private sealed record PreparedState(ReadOnlyMemory<byte> Content, StateDocument Document, string Sha256, string Md5);

    private sealed record Commit(string CreatedBy, string Source, string? JobId, string? LockId, long? RolledBackFrom, bool Deduplicate, bool CheckSuccession);
}
