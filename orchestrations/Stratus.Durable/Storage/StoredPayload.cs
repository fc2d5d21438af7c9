namespace Stratus.Durable.Storage;

/// <summary>A payload as stored: inline JSON, or the name of the blob holding it.</summary>
internal sealed record StoredPayload(string? Inline, string? Blob)
{
    public static StoredPayload None { get; } = new(null, null);
}
