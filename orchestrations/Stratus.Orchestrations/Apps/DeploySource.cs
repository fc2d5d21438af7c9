namespace Stratus.Orchestrations.Apps;

/// <summary>
/// What a deploy builds from. Uploaded archives are in blobs (<paramref name="Blob"/>: the app archive, or the
/// Dockerfile's context), so the orchestration input stays small and a replay never re-uploads.
/// </summary>
/// <param name="Kind"><c>archive</c>, <c>image</c>, <c>dockerfile</c> or <c>archive-url</c>.</param>
public sealed record DeploySource(string Kind, string? Blob = null, string? Image = null, string? Dockerfile = null, string? Url = null)
{
    public const string Archive = "archive";
    public const string ImageKind = "image";
    public const string DockerfileKind = "dockerfile";
    public const string ArchiveUrl = "archive-url";
}
