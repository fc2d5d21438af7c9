namespace Stratus.Orchestrations.Apps;

/// <summary>
/// What a deploy's build produced, kept as its event's custom data: the image, and what the push cost (a redeploy of
/// changed app files uploads only the app layer and the config; the platform's layers are skipped or mounted).
/// </summary>
internal sealed record DeployBuildData(int Version, string Image, string Digest, long? BytesUploaded, long? BlobsUploaded, long? BlobsSkipped, long? BlobsMounted);
