namespace Stratus.Api.Apps.Operations;

/// <summary>A deploy described in JSON (the archive kinds come as multipart or a raw tar.gz body instead).</summary>
internal sealed record DeployRequest(string? Image, string? Dockerfile, string? ArchiveUrl, string? Message, string? Origin);
