using Microsoft.AspNetCore.Http.Metadata;

namespace Stratus.Api.Infra.State;

/// <summary>An endpoint's own request body limit, which the body-limit middleware applies instead of the API default.</summary>
internal sealed class StateBodyLimit(long maxBytes) : IRequestSizeLimitMetadata
{
    public long? MaxRequestBodySize { get; } = maxBytes;
}
