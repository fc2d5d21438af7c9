using Stratus.Storage.Blobs;
using Stratus.Storage.Queues;
using Stratus.Storage.Tables;

namespace Stratus.Storage.Embedded;

/// <summary>
/// The local store: tables, queues and blob metadata in one SQLite database (WAL) and blob content in plain files,
/// all under one data folder. Several instances and processes may share the folder at once.
/// </summary>
internal sealed class EmbeddedStorageAccount : IStorageAccount, IStorageMaintenance, IDisposable
{
    private const string DatabaseFileName = "storage.db";
    private const string ContentFolderName = "blobs";

    private readonly EmbeddedDatabase _database;
    private readonly EmbeddedMaintenance _maintenance;

    public EmbeddedStorageAccount(string dataPath, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataPath);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var root = Path.GetFullPath(dataPath);
        var contentDirectory = Path.Combine(root, ContentFolderName);
        try
        {
            Directory.CreateDirectory(contentDirectory);
            _database = new EmbeddedDatabase(Path.Combine(root, DatabaseFileName));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            throw new StorageConfigurationException($"The embedded store cannot use the data folder '{root}': {ex.Message} Check that the folder is writable.", ex);
        }

        Description = $"embedded:{root}";
        Tables = new EmbeddedTableService(_database, timeProvider);
        Blobs = new EmbeddedBlobService(_database, timeProvider, contentDirectory);
        Queues = new EmbeddedQueueService(_database, timeProvider);
        _maintenance = new EmbeddedMaintenance(_database, contentDirectory, timeProvider);
    }

    public string Description { get; }

    public ITableService Tables { get; }

    public IBlobService Blobs { get; }

    public IQueueService Queues { get; }

    public Task<StorageMaintenanceResult> RunMaintenanceAsync(CancellationToken cancellationToken) => _maintenance.RunAsync(cancellationToken);

    public void Dispose() => _database.Dispose();
}
