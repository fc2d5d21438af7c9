using Microsoft.AspNetCore.Http.Metadata;
using Stratus.Orchestrations.Apps;

namespace Stratus.Api.Apps.Operations;

/// <summary>App archives may be far larger than ordinary request bodies; the archive check bounds what they unpack to.</summary>
internal sealed class DeployArchiveSizeLimit : IRequestSizeLimitMetadata
{
    public long? MaxRequestBodySize => AppPipelineOptions.DefaultMaxArchiveBytes + (1024 * 1024);
}
