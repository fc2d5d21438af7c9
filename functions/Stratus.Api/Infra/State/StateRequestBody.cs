namespace Stratus.Api.Infra.State;

internal static class StateRequestBody
{
    private const int ChunkBytes = 81920;

    /// <returns>The whole body, or <c>null</c> when it is longer than <paramref name="maxBytes"/>.</returns>
    public static async Task<ReadOnlyMemory<byte>?> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream((int)Math.Min(request.ContentLength ?? ChunkBytes, maxBytes));
        var chunk = new byte[ChunkBytes];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        // The array outlives the stream: disposing a MemoryStream does not clear it.
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }
}
