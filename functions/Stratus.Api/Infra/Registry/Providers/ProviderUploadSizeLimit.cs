using Microsoft.AspNetCore.Http.Metadata;

namespace Stratus.Api.Infra.Registry.Providers;

/// <summary>A publish carries every platform's zip in one request; each zip is bounded again by the package check.</summary>
internal sealed class ProviderUploadSizeLimit : IRequestSizeLimitMetadata
{
    public const long MaxBytes = 1024L * 1024 * 1024;

    public long? MaxRequestBodySize => MaxBytes;
}
