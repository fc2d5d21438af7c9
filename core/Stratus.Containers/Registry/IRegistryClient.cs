namespace Stratus.Containers.Registry;

/// <summary>
/// What the image assembler and the app pipeline need from an OCI distribution registry. A seam, so tracing (and any
/// other decoration) wraps the protocol client without the callers knowing.
/// </summary>
public interface IRegistryClient
{
    Task<bool> BlobExistsAsync(ImageReference repository, string digest, CancellationToken cancellationToken);

    /// <summary>Links a blob from another repository of the same registry; false when the registry would not.</summary>
    Task<bool> TryMountBlobAsync(ImageReference target, string digest, string fromRepository, CancellationToken cancellationToken);

    /// <summary>Uploads a blob, verifying its digest and size before the upload is committed.</summary>
    Task PushBlobAsync(ImageReference repository, string digest, Stream content, long size, CancellationToken cancellationToken);

    /// <summary>
    /// Uploads a file whose digest its writer computed (a build's layer) without hashing it again, monolithically where
    /// the registry allows; the registry still refuses a digest that does not match.
    /// </summary>
    Task PushBlobFileAsync(ImageReference repository, string path, string digest, long size, CancellationToken cancellationToken);

    /// <summary>The blob's content stream; the caller disposes it.</summary>
    Task<Stream> GetBlobAsync(ImageReference repository, string digest, CancellationToken cancellationToken);

    /// <summary>A small blob (a config) read whole and checked against its digest.</summary>
    Task<byte[]> GetBlobBytesAsync(ImageReference repository, string digest, CancellationToken cancellationToken);

    Task<RegistryManifest> GetManifestAsync(ImageReference image, CancellationToken cancellationToken);

    /// <summary>Stores a manifest under the image's tag (or digest) and returns its digest.</summary>
    Task<string> PutManifestAsync(ImageReference image, string mediaType, byte[] body, CancellationToken cancellationToken);
}
