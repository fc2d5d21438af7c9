namespace Stratus.Cli.Commands.Registry;

/// <summary>One platform's package of a provider version, with the SHA-256 terraform checks.</summary>
internal sealed record ProviderPlatformInfo(string Os, string Arch, string Filename, string Shasum, long Size);
