using Stratus.Storage;
using Stratus.Storage.Blobs;
using Stratus.Storage.Queues;
using Stratus.Storage.Tables;

namespace Stratus.Standalone.Tests.Triggers.Timers;

/// <summary>
/// A real account whose blob uploads call <see cref="AfterUpload"/> once the service has applied them and then, as an
/// HTTP client does, drop the answer if the caller's token was cancelled meanwhile.
/// </summary>
internal sealed class StatusWriteObserver(IStorageAccount inner) : IStorageAccount, IBlobService, IDisposable
{
    public Action<string>? AfterUpload { get; set; }

    public string Description => inner.Description;

    public ITableService Tables => inner.Tables;

    public IBlobService Blobs => this;

    public IQueueService Queues => inner.Queues;

    public IBlobContainerClient GetContainer(string name) => new Container(inner.Blobs.GetContainer(name), this);

    public void Dispose() => (inner as IDisposable)?.Dispose();

    private sealed class Container(IBlobContainerClient inner, StatusWriteObserver observer) : IBlobContainerClient
    {
        public string Name => inner.Name;

        public Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default) => inner.CreateIfNotExistsAsync(cancellationToken);

        public Task<bool> DeleteIfExistsAsync(CancellationToken cancellationToken = default) => inner.DeleteIfExistsAsync(cancellationToken);

        public async Task<BlobProperties> UploadAsync(string blobName, Stream content, BlobUploadOptions? options = null, CancellationToken cancellationToken = default)
        {
            var properties = await inner.UploadAsync(blobName, content, options, cancellationToken);
            observer.AfterUpload?.Invoke(blobName);
            cancellationToken.ThrowIfCancellationRequested();
            return properties;
        }

        public Task<BlobDownload> DownloadAsync(string blobName, BlobDownloadOptions? options = null, CancellationToken cancellationToken = default) =>
            inner.DownloadAsync(blobName, options, cancellationToken);

        public Task<BlobProperties?> GetPropertiesAsync(string blobName, CancellationToken cancellationToken = default) => inner.GetPropertiesAsync(blobName, cancellationToken);

        public Task<BlobProperties> SetMetadataAsync(string blobName, IReadOnlyDictionary<string, string> metadata, BlobConditions? conditions = null, CancellationToken cancellationToken = default) =>
            inner.SetMetadataAsync(blobName, metadata, conditions, cancellationToken);

        public Task<bool> DeleteAsync(string blobName, BlobConditions? conditions = null, CancellationToken cancellationToken = default) =>
            inner.DeleteAsync(blobName, conditions, cancellationToken);

        public Task<BlobPage> ListAsync(string? prefix = null, string? continuationToken = null, int pageSize = 1000, CancellationToken cancellationToken = default) =>
            inner.ListAsync(prefix, continuationToken, pageSize, cancellationToken);

        public Task<string> AcquireLeaseAsync(string blobName, TimeSpan? duration, string? proposedLeaseId = null, CancellationToken cancellationToken = default) =>
            inner.AcquireLeaseAsync(blobName, duration, proposedLeaseId, cancellationToken);

        public Task RenewLeaseAsync(string blobName, string leaseId, CancellationToken cancellationToken = default) => inner.RenewLeaseAsync(blobName, leaseId, cancellationToken);

        public Task ReleaseLeaseAsync(string blobName, string leaseId, CancellationToken cancellationToken = default) => inner.ReleaseLeaseAsync(blobName, leaseId, cancellationToken);

        public Task<TimeSpan> BreakLeaseAsync(string blobName, TimeSpan? breakPeriod = null, CancellationToken cancellationToken = default) =>
            inner.BreakLeaseAsync(blobName, breakPeriod, cancellationToken);
    }
}
