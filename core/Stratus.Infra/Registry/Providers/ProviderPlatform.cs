namespace Stratus.Infra.Registry.Providers;

/// <summary>One package of a provider version: its platform, its file name and the SHA-256 of the zip (hex).</summary>
public sealed record ProviderPlatform(string Os, string Arch, string FileName, string Shasum, long Size);
