namespace Stratus.Api.Infra.Registry.Providers;

/// <summary>The provider registry protocol's "list available versions" answer.</summary>
internal sealed record ProviderVersionsResponse(IReadOnlyList<ProviderVersionsResponse.Entry> Versions)
{
    public sealed record Entry(string Version, IReadOnlyList<string> Protocols, IReadOnlyList<Platform> Platforms);

    public sealed record Platform(string Os, string Arch);
}
