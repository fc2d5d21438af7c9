using Stratus.Infra.Registry.Providers;

namespace Stratus.Api.Infra.Registry.Providers;

/// <summary>A provider of an organization's registry; terraform's source address is <c>&lt;host&gt;/&lt;organization&gt;/&lt;type&gt;</c>.</summary>
internal sealed record ProviderResponse(string Organization, string Type, DateTimeOffset CreatedAt, string CreatedBy)
{
    public static ProviderResponse From(Provider provider) => new(provider.Organization, provider.Type, provider.CreatedAt, provider.CreatedBy);
}
