using Microsoft.AspNetCore.Http.Metadata;

namespace Stratus.Api.Infra.Workspaces;

/// <summary>Configuration archives may be larger than ordinary request bodies; the archive check bounds what they unpack to.</summary>
internal sealed class SourceArchiveSizeLimit : IRequestSizeLimitMetadata
{
    public const long MaxBytes = 50L * 1024 * 1024;

    public long? MaxRequestBodySize => MaxBytes;
}
