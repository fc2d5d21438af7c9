namespace Stratus.Infra.Registry.Providers;

/// <summary>Bounds on one uploaded provider zip, checked before anything is stored.</summary>
/// <param name="MaxZipBytes">The largest zip accepted (the big public providers are under 100 MiB per platform).</param>
/// <param name="MaxUncompressedBytes">The most bytes its entries may expand to, counted while they are read.</param>
/// <param name="MaxEntries">The most entries; a provider package is a binary plus a few text files.</param>
public sealed record ProviderPackageLimits(long MaxZipBytes, long MaxUncompressedBytes, int MaxEntries)
{
    public static ProviderPackageLimits Default { get; } = new(256L * 1024 * 1024, 1024L * 1024 * 1024, 100);
}
