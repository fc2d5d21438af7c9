using System.Text.Json.Serialization;

namespace Stratus.Api.Infra.Registry.Modules;

/// <summary>The public registry's paging block: offsets, and the next page's address while there is one.</summary>
internal sealed record RegistryListMeta(
    int Limit,
    [property: JsonPropertyName("current_offset")] int CurrentOffset,
    [property: JsonPropertyName("next_offset")] int? NextOffset,
    [property: JsonPropertyName("next_url")] string? NextUrl);
