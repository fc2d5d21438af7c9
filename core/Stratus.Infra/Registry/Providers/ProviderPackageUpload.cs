namespace Stratus.Infra.Registry.Providers;

/// <summary>An uploaded zip as the caller named it, in a seekable stream (the API spools uploads to temporary files).</summary>
public sealed record ProviderPackageUpload(string FileName, Stream Content);
