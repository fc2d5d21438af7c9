namespace Stratus.Containers.Registry;

/// <summary>
/// What a registry's <c>WWW-Authenticate: Bearer</c> challenge asked for: the token service (<paramref name="Realm"/>),
/// its <paramref name="Service"/> name, and the scopes (e.g. <c>repository:apps/web:pull,push</c>).
/// </summary>
public sealed record RegistryTokenRequest(string Registry, Uri Realm, string? Service, IReadOnlyList<string> Scopes);
