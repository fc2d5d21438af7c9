using Stratus.Infra.Registry.Providers;

namespace Stratus.Api.Infra.Registry.Providers;

/// <summary>The public key an organization's provider checksums are signed with (what <c>gpg --import</c> takes).</summary>
internal sealed record ProviderSigningKeyResponse(string Organization, string KeyId, string AsciiArmor, DateTimeOffset CreatedAt)
{
    public static ProviderSigningKeyResponse From(string organization, ProviderSigningKey key) => new(organization, key.KeyId, key.AsciiArmor, key.CreatedAt);
}
