namespace Stratus.Infra.Registry.Providers;

/// <summary>A published provider version: its plugin protocols, its platforms and the key that signed its SHA256SUMS.</summary>
public sealed record ProviderVersion(
    string Organization,
    string Type,
    string Version,
    IReadOnlyList<string> Protocols,
    IReadOnlyList<ProviderPlatform> Platforms,
    string KeyId,
    DateTimeOffset PublishedAt,
    string PublishedBy)
{
    public string ShasumsFileName => ProviderFiles.ShasumsFileName(Type, Version);

    public string SignatureFileName => ProviderFiles.SignatureFileName(Type, Version);

    /// <summary>The blob folder the version's files were written to (one per publish, so a failed one leaves no trace).</summary>
    internal string Folder { get; init; } = "";
}
