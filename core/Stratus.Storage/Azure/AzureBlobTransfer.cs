using Azure.Storage;

namespace Stratus.Storage.Azure;

/// <summary>
/// How uploads are cut: blocks of <see cref="DefaultBlockSize"/>, at most two in flight. The SDK buffers each block of a
/// forward-only source, so memory stays at a few blocks whatever the blob's size.
/// </summary>
internal static class AzureBlobTransfer
{
    public const int DefaultBlockSize = 4 * 1024 * 1024;

    // The service allows 4000 MiB blocks, but every block is held in memory; a quarter GiB is already generous.
    public const int MaxBlockSize = 256 * 1024 * 1024;

    public const int MaxConcurrency = 2;

    public static StorageTransferOptions Options(int blockSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(blockSize, MaxBlockSize);
        return new StorageTransferOptions
        {
            InitialTransferSize = blockSize,
            MaximumTransferSize = blockSize,
            MaximumConcurrency = MaxConcurrency,
        };
    }
}
