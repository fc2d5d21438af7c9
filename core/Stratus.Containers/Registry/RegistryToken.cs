namespace Stratus.Containers.Registry;

/// <summary>A bearer token for a registry and the moment it stops being usable.</summary>
public sealed record RegistryToken(string Value, DateTimeOffset ExpiresAt)
{
    public override string ToString() => $"RegistryToken {{ ExpiresAt = {ExpiresAt:O} }}";
}
