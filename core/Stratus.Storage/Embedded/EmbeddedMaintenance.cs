namespace Stratus.Storage.Embedded;

/// <summary>
/// Removes what a crash can leave behind: content files written but never committed to a blob row (a process died
/// between the two), and queue messages past their time-to-live that no receive has purged yet.
/// </summary>
internal sealed class EmbeddedMaintenance(EmbeddedDatabase database, string contentDirectory, TimeProvider clock)
{
    /// <summary>An upload's file has no row until its commit; files younger than this may be uploads in flight.</summary>
    public static readonly TimeSpan OrphanGracePeriod = TimeSpan.FromHours(1);

    private const string ReferencedSql = "SELECT content_id FROM blobs;";
    private const string PurgeExpiredSql = "DELETE FROM queue_messages WHERE expires_at <= $now;";

    public async Task<StorageMaintenanceResult> RunAsync(CancellationToken cancellationToken)
    {
        // Listing files before reading the rows means a file committed in between is seen as referenced.
        var cutoff = clock.GetUtcNow().UtcDateTime - OrphanGracePeriod;
        var candidates = Directory.EnumerateFiles(contentDirectory)
            .Where(path => File.GetLastWriteTimeUtc(path) < cutoff)
            .ToList();
        var referenced = await database.ReadAsync(
            connection =>
            {
                var ids = new HashSet<string>(StringComparer.Ordinal);
                using var reader = connection.Command(ReferencedSql).ExecuteReader();
                while (reader.Read())
                {
                    ids.Add(reader.GetString(0));
                }

                return ids;
            },
            cancellationToken);

        var deleted = 0;
        foreach (var path in candidates.Where(path => !referenced.Contains(Path.GetFileName(path))))
        {
            try
            {
                File.Delete(path);
                deleted++;
            }
            catch (IOException)
            {
                // Another process swept it first, or it is open; the next run will see it again.
            }
        }

        var expired = await database.WriteAsync(
            connection =>
            {
                var command = connection.Command(PurgeExpiredSql);
                command.Parameters.AddWithValue("$now", clock.GetUtcNow().UtcTicks);
                return command.ExecuteNonQuery();
            },
            cancellationToken);
        return new StorageMaintenanceResult(deleted, expired);
    }
}
