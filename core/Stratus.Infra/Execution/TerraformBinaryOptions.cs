namespace Stratus.Infra.Execution;

/// <summary>Where terraform and tofu binaries come from.</summary>
/// <param name="Binaries">Pinned binaries: "1.11.0" (or "terraform:1.11.0") and "tofu:1.8.0" map to executable paths.</param>
/// <param name="ReleasesBaseUrl">
/// Where to download terraform from, e.g. https://releases.hashicorp.com/terraform (or a mirror with the same layout:
/// {base}/{v}/terraform_{v}_{os}_{arch}.zip and {base}/{v}/terraform_{v}_SHA256SUMS); null disables downloads.
/// </param>
/// <param name="CacheDirectory">Where downloaded binaries are kept, as {cache}/{tool}/{version}/{tool}.</param>
/// <param name="TofuReleasesBaseUrl">
/// Where to download tofu from, e.g. https://github.com/opentofu/opentofu/releases/download (layout
/// {base}/v{v}/tofu_{v}_{os}_{arch}.zip and {base}/v{v}/tofu_{v}_SHA256SUMS); null disables downloads.
/// </param>
public sealed record TerraformBinaryOptions(
    IReadOnlyDictionary<string, string> Binaries,
    string? ReleasesBaseUrl,
    string CacheDirectory,
    string? TofuReleasesBaseUrl = null);
