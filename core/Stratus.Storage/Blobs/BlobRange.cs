namespace Stratus.Storage.Blobs;

/// <summary>A byte range: from <see cref="Offset"/>, <see cref="Length"/> bytes (or to the end when <c>null</c>).</summary>
public readonly record struct BlobRange(long Offset, long? Length = null)
{
    internal string ToHeaderValue() => Length is { } length ? $"bytes={Offset}-{Offset + length - 1}" : $"bytes={Offset}-";

    internal void Validate()
    {
        if (Offset < 0 || Length is <= 0)
        {
            throw new InvalidStorageRequestException("InvalidRange", $"Range offset must be ≥ 0 and length > 0; got offset {Offset}, length {Length}.", 416);
        }
    }
}
