namespace Stratus.Storage.Blobs;

public sealed record BlobPage(IReadOnlyList<BlobProperties> Items, string? ContinuationToken);
