using Microsoft.AspNetCore.Http.Metadata;
using Stratus.Infra.Registry.Modules;

namespace Stratus.Api.Infra.Registry.Modules;

/// <summary>Module archives may be larger than ordinary request bodies; <see cref="ModuleArchive.Limits"/> bounds what they unpack to.</summary>
internal sealed class ModuleArchiveSizeLimit : IRequestSizeLimitMetadata
{
    public long? MaxRequestBodySize => ModuleArchive.Limits.MaxCompressedBytes;
}
