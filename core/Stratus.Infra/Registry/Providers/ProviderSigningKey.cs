namespace Stratus.Infra.Registry.Providers;

/// <summary>The public half of an organization's provider signing key, as the provider registry protocol serves it.</summary>
public sealed record ProviderSigningKey(string KeyId, string AsciiArmor, DateTimeOffset CreatedAt);
