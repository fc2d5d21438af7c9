namespace Stratus.Storage;

/// <summary>The Azure Storage service limits that both adapters enforce before sending or writing anything.</summary>
public static class StorageLimits
{
    public const int MaxQueueMessageBytes = 64 * 1024;
    public const int MaxQueueBatch = 32;
    public const int MaxTableEntityBytes = 1024 * 1024;
    public const int MaxTableKeyChars = 1024;
    public const int MaxTablePropertyCount = 252;
    public const int MaxTablePropertyNameChars = 255;
    public const int MaxTableStringChars = 32 * 1024;
    public const int MaxTableBinaryBytes = 64 * 1024;
    public const int MaxTransactionActions = 100;
    public const int MaxTransactionBytes = 4 * 1024 * 1024;
    public const int MaxTablePageSize = 1000;
    public const int MaxBlobListPageSize = 5000;
    public const int MaxBlobNameChars = 1024;
    public static readonly TimeSpan MinLeaseDuration = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan MaxLeaseDuration = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan MaxLeaseBreakPeriod = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan MaxQueueVisibility = TimeSpan.FromDays(7);
    public static readonly TimeSpan DefaultQueueMessageTtl = TimeSpan.FromDays(7);
}
