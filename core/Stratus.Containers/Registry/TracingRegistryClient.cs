using System.Diagnostics;

namespace Stratus.Containers.Registry;

/// <summary>
/// One client span per registry call, named after the OCI operation and tagged with the registry, repository and
/// digest or reference, so a slow deploy shows which blob or manifest it waited on. Failures mark the span as errored.
/// </summary>
internal sealed class TracingRegistryClient(IRegistryClient inner) : IRegistryClient
{
    public Task<bool> BlobExistsAsync(ImageReference repository, string digest, CancellationToken cancellationToken) =>
        TraceAsync("registry.blob.exists", repository, digest, () => inner.BlobExistsAsync(repository, digest, cancellationToken));

    public Task<bool> TryMountBlobAsync(ImageReference target, string digest, string fromRepository, CancellationToken cancellationToken) =>
        TraceAsync("registry.blob.mount", target, digest, () => inner.TryMountBlobAsync(target, digest, fromRepository, cancellationToken));

    public Task PushBlobAsync(ImageReference repository, string digest, Stream content, long size, CancellationToken cancellationToken) =>
        TraceAsync("registry.blob.push", repository, digest, async () =>
        {
            await inner.PushBlobAsync(repository, digest, content, size, cancellationToken);
            return true;
        });

    public Task PushBlobFileAsync(ImageReference repository, string path, string digest, long size, CancellationToken cancellationToken) =>
        TraceAsync("registry.blob.push", repository, digest, async () =>
        {
            await inner.PushBlobFileAsync(repository, path, digest, size, cancellationToken);
            return true;
        });

    public Task<Stream> GetBlobAsync(ImageReference repository, string digest, CancellationToken cancellationToken) =>
        TraceAsync("registry.blob.get", repository, digest, () => inner.GetBlobAsync(repository, digest, cancellationToken));

    public Task<byte[]> GetBlobBytesAsync(ImageReference repository, string digest, CancellationToken cancellationToken) =>
        TraceAsync("registry.blob.get", repository, digest, () => inner.GetBlobBytesAsync(repository, digest, cancellationToken));

    public Task<RegistryManifest> GetManifestAsync(ImageReference image, CancellationToken cancellationToken) =>
        TraceAsync("registry.manifest.get", image, image?.Reference, () => inner.GetManifestAsync(image!, cancellationToken));

    public Task<string> PutManifestAsync(ImageReference image, string mediaType, byte[] body, CancellationToken cancellationToken) =>
        TraceAsync("registry.manifest.put", image, image?.Reference, () => inner.PutManifestAsync(image!, mediaType, body, cancellationToken));

    private static async Task<T> TraceAsync<T>(string operation, ImageReference? repository, string? reference, Func<Task<T>> call)
    {
        using var activity = ContainersTelemetry.Source.StartActivity(operation, ActivityKind.Client);
        if (activity is not null)
        {
            activity.SetTag("oci.registry", repository?.Registry);
            activity.SetTag("oci.repository", repository?.Repository);
            activity.SetTag("oci.reference", reference);
        }

        try
        {
            return await call();
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            activity?.AddException(ex);
            throw;
        }
    }
}
