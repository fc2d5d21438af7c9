using Azure;
using Microsoft.Data.Sqlite;
using Stratus.Storage.Blobs;

namespace Stratus.Storage.Embedded;

/// <summary>
/// A container whose blob rows live in SQLite and whose content lives in immutable files named by a random id, so a
/// blob's name never becomes part of a path. A write streams into a new file, then one transaction checks the
/// conditions and points the row at it; readers keep whatever file they opened.
/// </summary>
internal sealed class EmbeddedBlobContainerClient : IBlobContainerClient
{
    private const string DefaultContentType = "application/octet-stream";
    private const int CopyBufferBytes = 256 * 1024;
    private const int OpenAttempts = 3;

    private const string ContainerExistsSql = "SELECT EXISTS (SELECT 1 FROM blob_containers WHERE name = $c);";
    private const string CreateSql = "INSERT OR IGNORE INTO blob_containers (name) VALUES ($c);";
    private const string DropSql = "DELETE FROM blob_containers WHERE name = $c;";
    private const string DropBlobsSql = "DELETE FROM blobs WHERE container = $c RETURNING content_id;";
    private const string DeleteSql = "DELETE FROM blobs WHERE container = $c AND name = $n;";

    private const string Columns = "name, content_id, length, content_type, etag, last_modified, metadata, lease_state, lease_id, lease_duration, lease_expires, lease_break_at";
    private const string RowSql = $"SELECT {Columns} FROM blobs WHERE container = $c AND name = $n;";
    private const string ListSql = $"SELECT {Columns} FROM blobs WHERE container = $c AND name >= $lo ORDER BY name LIMIT $limit;";
    private const string ListBoundedSql = $"SELECT {Columns} FROM blobs WHERE container = $c AND name >= $lo AND name < $hi ORDER BY name LIMIT $limit;";

    private const string SaveSql = """
        INSERT INTO blobs (container, name, content_id, length, content_type, etag, last_modified, metadata, lease_state, lease_id, lease_duration, lease_expires, lease_break_at)
        VALUES ($c, $n, $content, $length, $type, $etag, $modified, $metadata, $lease_state, $lease_id, $lease_duration, $lease_expires, $lease_break_at)
        ON CONFLICT (container, name) DO UPDATE SET
            content_id = excluded.content_id, length = excluded.length, content_type = excluded.content_type, etag = excluded.etag,
            last_modified = excluded.last_modified, metadata = excluded.metadata, lease_state = excluded.lease_state,
            lease_id = excluded.lease_id, lease_duration = excluded.lease_duration, lease_expires = excluded.lease_expires,
            lease_break_at = excluded.lease_break_at;
        """;

    private readonly EmbeddedDatabase _database;
    private readonly TimeProvider _clock;
    private readonly string _contentDirectory;

    public EmbeddedBlobContainerClient(EmbeddedDatabase database, TimeProvider clock, string contentDirectory, string name)
    {
        StorageNames.ValidateContainerName(name);
        _database = database;
        _clock = clock;
        _contentDirectory = contentDirectory;
        Name = name;
    }

    public string Name { get; }

    public Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default) =>
        _database.WriteStatementsAsync(connection => ContainerCommand(connection, CreateSql).ExecuteNonQuery(), cancellationToken);

    public async Task<bool> DeleteIfExistsAsync(CancellationToken cancellationToken = default)
    {
        var (existed, contentIds) = await _database.WriteAsync(
            connection =>
            {
                var existed = ContainerCommand(connection, DropSql).ExecuteNonQuery() > 0;
                var ids = new List<string>();
                using (var reader = ContainerCommand(connection, DropBlobsSql).ExecuteReader())
                {
                    while (reader.Read())
                    {
                        ids.Add(reader.GetString(0));
                    }
                }

                return (existed, ids);
            },
            cancellationToken);
        foreach (var id in contentIds)
        {
            DeleteContent(id);
        }

        return existed;
    }

    public async Task<BlobProperties> UploadAsync(string blobName, Stream content, BlobUploadOptions? options = null, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateBlobName(blobName);
        ArgumentNullException.ThrowIfNull(content);
        StorageNames.ValidateMetadata(options?.Metadata);
        var conditions = options?.Conditions;
        ValidateLeaseId(conditions?.LeaseId);
        var name = EmbeddedKeys.Encode(blobName);
        var contentType = string.IsNullOrEmpty(options?.ContentType) ? DefaultContentType : options.ContentType;
        var metadata = EmbeddedCodec.EncodeMetadata(EmbeddedCodec.NormalizeMetadata(options?.Metadata));

        // Fail before streaming what could be a large body when the commit is bound to fail anyway.
        await _database.ReadAsync(
            connection =>
            {
                CheckWrite(ReadExistingRow(connection, name, blobName, blobMustExist: false), conditions, blobName, _clock.GetUtcNow().UtcTicks);
                return true;
            },
            cancellationToken);

        var contentId = NewContentId();
        var path = ContentPath(contentId);
        try
        {
            long length;
            var fileOptions = new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                Options = FileOptions.Asynchronous,

                // CopyToAsync already hands over large buffers; a FileStream buffer would only add a copy.
                BufferSize = 0,
            };
            await using (var file = new FileStream(path, fileOptions))
            {
                await content.CopyToAsync(file, CopyBufferBytes, cancellationToken);
                length = file.Length;
            }

            var (properties, replaced) = await _database.WriteAsync(
                connection =>
                {
                    var now = _clock.GetUtcNow().UtcTicks;
                    var existing = ReadExistingRow(connection, name, blobName, blobMustExist: false);
                    CheckWrite(existing, conditions, blobName, now);
                    var row = new EmbeddedBlobRow(
                        blobName,
                        contentId,
                        length,
                        contentType,
                        EmbeddedETags.NewBlobETag(),
                        now,
                        metadata,
                        existing?.Lease.AfterWrite(now) ?? default);
                    Save(connection, name, row);
                    return (row.ToProperties(now), existing?.ContentId);
                },
                cancellationToken);
            if (replaced is not null)
            {
                DeleteContent(replaced);
            }

            return properties;
        }
        catch
        {
            DeleteFile(path);
            throw;
        }
    }

    public async Task<BlobDownload> DownloadAsync(string blobName, BlobDownloadOptions? options = null, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateBlobName(blobName);
        options?.Range?.Validate();
        var conditions = options?.Conditions;
        ValidateLeaseId(conditions?.LeaseId);
        var name = EmbeddedKeys.Encode(blobName);
        for (var attempt = 1; ; attempt++)
        {
            var row = (await _database.ReadAsync(connection => ReadExistingRow(connection, name, blobName, blobMustExist: true), cancellationToken))!;
            var now = _clock.GetUtcNow().UtcTicks;
            CheckRead(row, conditions, blobName, now);
            var offset = 0L;
            var count = row.Length;
            if (options?.Range is { } range)
            {
                if (range.Offset >= row.Length)
                {
                    throw EmbeddedErrors.InvalidRange(blobName, range.Offset, row.Length);
                }

                offset = range.Offset;
                count = Math.Min(range.Length ?? long.MaxValue, row.Length - offset);
            }

            FileStream file;
            try
            {
                file = new FileStream(ContentPath(row.ContentId), new FileStreamOptions
                {
                    Mode = FileMode.Open,
                    Access = FileAccess.Read,

                    // Delete lets a writer remove the replaced file on Windows too while this reader still holds it.
                    Share = FileShare.Read | FileShare.Delete,
                    Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
                });
            }
            catch (FileNotFoundException) when (attempt < OpenAttempts)
            {
                // A writer replaced or deleted the blob between our row read and the open; read the row again.
                continue;
            }
            catch (FileNotFoundException ex)
            {
                throw new ResourceNotFoundException("BlobNotFound", $"Blob '{StorageNames.Printable(blobName)}' in container '{Name}' keeps changing under the read; retry.", ex);
            }

            if (offset == 0 && count == row.Length)
            {
                return new BlobDownload(file, row.ToProperties(now));
            }

            file.Seek(offset, SeekOrigin.Begin);
            return new BlobDownload(new EmbeddedRangeStream(file, count), row.ToProperties(now));
        }
    }

    public Task<BlobProperties?> GetPropertiesAsync(string blobName, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateBlobName(blobName);
        var name = EmbeddedKeys.Encode(blobName);
        return _database.ReadAsync(
            connection => ReadExistingRow(connection, name, blobName, blobMustExist: false)?.ToProperties(_clock.GetUtcNow().UtcTicks),
            cancellationToken);
    }

    public async Task<BlobProperties> SetMetadataAsync(string blobName, IReadOnlyDictionary<string, string> metadata, BlobConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateBlobName(blobName);
        ArgumentNullException.ThrowIfNull(metadata);
        StorageNames.ValidateMetadata(metadata);
        ValidateLeaseId(conditions?.LeaseId);
        var name = EmbeddedKeys.Encode(blobName);
        var encoded = EmbeddedCodec.EncodeMetadata(EmbeddedCodec.NormalizeMetadata(metadata));
        return await _database.WriteAsync(
            connection =>
            {
                var now = _clock.GetUtcNow().UtcTicks;
                var existing = ReadExistingRow(connection, name, blobName, blobMustExist: true)!;
                CheckWrite(existing, conditions, blobName, now);
                var row = existing with
                {
                    ETagValue = EmbeddedETags.NewBlobETag(),
                    LastModifiedTicks = now,
                    Metadata = encoded,
                    Lease = existing.Lease.AfterWrite(now),
                };
                Save(connection, name, row);
                return row.ToProperties(now);
            },
            cancellationToken);
    }

    public async Task<bool> DeleteAsync(string blobName, BlobConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateBlobName(blobName);
        ValidateLeaseId(conditions?.LeaseId);
        var name = EmbeddedKeys.Encode(blobName);
        var contentId = await _database.WriteAsync(
            connection =>
            {
                var existing = ReadExistingRow(connection, name, blobName, blobMustExist: false);
                if (existing is null)
                {
                    return null;
                }

                CheckWrite(existing, conditions, blobName, _clock.GetUtcNow().UtcTicks);
                var delete = ContainerCommand(connection, DeleteSql);
                delete.Parameters.AddWithValue("$n", name);
                delete.ExecuteNonQuery();
                return existing.ContentId;
            },
            cancellationToken);
        if (contentId is null)
        {
            return false;
        }

        DeleteContent(contentId);
        return true;
    }

    public async Task<BlobPage> ListAsync(string? prefix = null, string? continuationToken = null, int pageSize = 1000, CancellationToken cancellationToken = default)
    {
        if (pageSize is < 1 or > StorageLimits.MaxBlobListPageSize)
        {
            throw EmbeddedErrors.InvalidPageSize(pageSize);
        }

        var lower = EmbeddedKeys.Encode(prefix ?? string.Empty);
        var upper = EmbeddedKeys.PrefixUpperBound(lower);
        if (continuationToken is not null)
        {
            var next = EmbeddedKeys.DecodeToken(continuationToken, 1)[0];
            if (next.AsSpan().SequenceCompareTo(lower) > 0)
            {
                lower = next;
            }
        }

        return await _database.ReadAsync(
            connection =>
            {
                EnsureContainer(connection);
                var now = _clock.GetUtcNow().UtcTicks;
                var command = ContainerCommand(connection, upper is null ? ListSql : ListBoundedSql);
                command.Parameters.AddWithValue("$lo", lower);
                if (upper is not null)
                {
                    command.Parameters.AddWithValue("$hi", upper);
                }

                command.Parameters.AddWithValue("$limit", pageSize + 1);
                var items = new List<BlobProperties>();
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    if (items.Count == pageSize)
                    {
                        return new BlobPage(items, EmbeddedKeys.EncodeToken(reader.GetFieldValue<byte[]>(0)));
                    }

                    items.Add(ReadRow(reader).ToProperties(now));
                }

                return new BlobPage(items, null);
            },
            cancellationToken);
    }

    public async Task<string> AcquireLeaseAsync(string blobName, TimeSpan? duration, string? proposedLeaseId = null, CancellationToken cancellationToken = default)
    {
        BlobLeaseValidator.ValidateDuration(duration);
        ValidateLeaseId(proposedLeaseId);
        var lease = await ChangeLeaseAsync(blobName, (lease, now) => lease.Acquire(blobName, now, duration, proposedLeaseId), cancellationToken);
        return lease.Id!;
    }

    public async Task RenewLeaseAsync(string blobName, string leaseId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(leaseId);
        ValidateLeaseId(leaseId);
        await ChangeLeaseAsync(blobName, (lease, now) => lease.Renew(blobName, now, leaseId), cancellationToken);
    }

    public async Task ReleaseLeaseAsync(string blobName, string leaseId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(leaseId);
        ValidateLeaseId(leaseId);
        await ChangeLeaseAsync(blobName, (lease, now) => lease.Release(blobName, now, leaseId), cancellationToken);
    }

    public async Task<TimeSpan> BreakLeaseAsync(string blobName, TimeSpan? breakPeriod = null, CancellationToken cancellationToken = default)
    {
        BlobLeaseValidator.ValidateBreakPeriod(breakPeriod);
        var remaining = TimeSpan.Zero;
        await ChangeLeaseAsync(blobName, (lease, now) => lease.Break(blobName, now, breakPeriod, out remaining), cancellationToken);
        return remaining;
    }

    private static void ValidateLeaseId(string? leaseId)
    {
        if (leaseId is not null && !Guid.TryParse(leaseId, out _))
        {
            throw EmbeddedErrors.InvalidLeaseId(leaseId);
        }
    }

    private static string NewContentId() => Guid.NewGuid().ToString("N");

    private static EmbeddedBlobRow ReadRow(SqliteDataReader reader) => new(
        EmbeddedKeys.Decode(reader.GetFieldValue<byte[]>(0)),
        reader.GetString(1),
        reader.GetInt64(2),
        reader.GetString(3),
        reader.GetString(4),
        reader.GetInt64(5),
        reader.GetFieldValue<byte[]>(6),
        new EmbeddedBlobLease(
            reader.GetInt32(7),
            reader.IsDBNull(8) ? null : reader.GetString(8),
            reader.IsDBNull(9) ? null : reader.GetInt64(9),
            reader.IsDBNull(10) ? null : reader.GetInt64(10),
            reader.IsDBNull(11) ? null : reader.GetInt64(11)));

    private static object Nullable(long? value) => value is { } v ? v : DBNull.Value;

    private static void DeleteFile(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // A file still open elsewhere (Windows without FileShare.Delete) stays behind; it is never referenced again.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>
    /// Conditions on a write, in Azure's order: ETag conditions, then the lease, then If-None-Match: * (a leased blob
    /// reports its lease before reporting that it exists).
    /// </summary>
    private void CheckWrite(EmbeddedBlobRow? existing, BlobConditions? conditions, string blobName, long now)
    {
        if (conditions?.IfMatch is { } ifMatch)
        {
            if (existing is null)
            {
                throw EmbeddedErrors.BlobConditionNotMet(Name, blobName, "If-Match was given but the blob does not exist.");
            }

            if (!EmbeddedETags.Matches(ifMatch, existing.ETagValue))
            {
                throw EmbeddedErrors.BlobConditionNotMet(Name, blobName, "its ETag no longer matches If-Match (someone else wrote it).");
            }
        }

        if (conditions?.IfNoneMatch is { } ifNoneMatch && ifNoneMatch != ETag.All && existing is not null && EmbeddedETags.Matches(ifNoneMatch, existing.ETagValue))
        {
            throw EmbeddedErrors.BlobConditionNotMet(Name, blobName, "its ETag matches If-None-Match.");
        }

        existing?.Lease.CheckWrite(blobName, now, conditions?.LeaseId);
        if (conditions?.IfNoneMatch == ETag.All && existing is not null)
        {
            throw EmbeddedErrors.BlobAlreadyExists(Name, blobName);
        }
    }

    private void CheckRead(EmbeddedBlobRow row, BlobConditions? conditions, string blobName, long now)
    {
        if (conditions?.IfMatch is { } ifMatch && !EmbeddedETags.Matches(ifMatch, row.ETagValue))
        {
            throw EmbeddedErrors.BlobConditionNotMet(Name, blobName, "its ETag no longer matches If-Match (someone else wrote it).");
        }

        if (conditions?.IfNoneMatch is { } ifNoneMatch && EmbeddedETags.Matches(ifNoneMatch, row.ETagValue))
        {
            throw EmbeddedErrors.BlobConditionNotMet(Name, blobName, "its ETag matches If-None-Match (it has not changed).");
        }

        row.Lease.CheckRead(blobName, now, conditions?.LeaseId);
    }

    private async Task<EmbeddedBlobLease> ChangeLeaseAsync(string blobName, Func<EmbeddedBlobLease, long, EmbeddedBlobLease> change, CancellationToken cancellationToken)
    {
        StorageNames.ValidateBlobName(blobName);
        var name = EmbeddedKeys.Encode(blobName);
        return await _database.WriteAsync(
            connection =>
            {
                var existing = ReadExistingRow(connection, name, blobName, blobMustExist: true)!;
                var lease = change(existing.Lease, _clock.GetUtcNow().UtcTicks);

                // Lease operations change neither the ETag nor Last-Modified.
                Save(connection, name, existing with { Lease = lease });
                return lease;
            },
            cancellationToken);
    }

    /// <summary>The blob's row; a missing container is always an error, a missing blob only when it must exist.</summary>
    private EmbeddedBlobRow? ReadExistingRow(EmbeddedConnection connection, byte[] name, string blobName, bool blobMustExist)
    {
        var command = ContainerCommand(connection, RowSql);
        command.Parameters.AddWithValue("$n", name);
        using (var reader = command.ExecuteReader())
        {
            if (reader.Read())
            {
                return ReadRow(reader);
            }
        }

        EnsureContainer(connection);
        return blobMustExist ? throw EmbeddedErrors.BlobNotFound(Name, blobName) : null;
    }

    private void EnsureContainer(EmbeddedConnection connection)
    {
        if (Convert.ToInt64(ContainerCommand(connection, ContainerExistsSql).ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            throw EmbeddedErrors.ContainerNotFound(Name);
        }
    }

    private void Save(EmbeddedConnection connection, byte[] name, EmbeddedBlobRow row)
    {
        var command = ContainerCommand(connection, SaveSql);
        command.Parameters.AddWithValue("$n", name);
        command.Parameters.AddWithValue("$content", row.ContentId);
        command.Parameters.AddWithValue("$length", row.Length);
        command.Parameters.AddWithValue("$type", row.ContentType);
        command.Parameters.AddWithValue("$etag", row.ETagValue);
        command.Parameters.AddWithValue("$modified", row.LastModifiedTicks);
        command.Parameters.AddWithValue("$metadata", row.Metadata);
        command.Parameters.AddWithValue("$lease_state", row.Lease.StoredState);
        command.Parameters.AddWithValue("$lease_id", (object?)row.Lease.Id ?? DBNull.Value);
        command.Parameters.AddWithValue("$lease_duration", Nullable(row.Lease.DurationTicks));
        command.Parameters.AddWithValue("$lease_expires", Nullable(row.Lease.ExpiresTicks));
        command.Parameters.AddWithValue("$lease_break_at", Nullable(row.Lease.BreakAtTicks));
        command.ExecuteNonQuery();
    }

    private SqliteCommand ContainerCommand(EmbeddedConnection connection, string sql)
    {
        var command = connection.Command(sql);
        command.Parameters.AddWithValue("$c", Name);
        return command;
    }

    private string ContentPath(string contentId) => Path.Combine(_contentDirectory, contentId);

    private void DeleteContent(string contentId) => DeleteFile(ContentPath(contentId));
}
