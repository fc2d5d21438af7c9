using Stratus.Infra.Registry.Providers;

namespace Stratus.Api.Infra.Registry.Providers;

/// <summary>
/// The parts of a publish: every file part is a zip named terraform-provider-&lt;type&gt;_&lt;version&gt;_&lt;os&gt;_&lt;arch&gt;.zip,
/// or goreleaser's <c>…_manifest.json</c>, which names the protocols; a <c>protocols</c> field ("5.0" or "5.0,6.0") may
/// name them instead. Anything else is refused by name: Stratus writes and signs SHA256SUMS itself.
/// </summary>
internal static class ProviderUploadForm
{
    public const string ProtocolsField = "protocols";

    /// <exception cref="ProviderPublishException">A part is not one of these; the message names it.</exception>
    public static async Task<(IReadOnlyList<ProviderPackageUpload> Packages, IReadOnlyList<string> Protocols)> ReadAsync(IFormCollection form, CancellationToken cancellationToken)
    {
        var unknown = form.Keys.FirstOrDefault(k => !k.Equals(ProtocolsField, StringComparison.OrdinalIgnoreCase));
        if (unknown is not null)
        {
            throw new ProviderPublishException($"The form field '{unknown}' is not known: send the zips as file parts, and the protocols in '{ProtocolsField}' (e.g. 5.0).");
        }

        var packages = new List<ProviderPackageUpload>();
        IReadOnlyList<string>? fromManifest = null;
        foreach (var file in form.Files)
        {
            var name = Path.GetFileName(file.FileName);
            if (name.StartsWith(ProviderPackageName.Prefix, StringComparison.Ordinal) && name.EndsWith("_manifest.json", StringComparison.Ordinal))
            {
                if (file.Length > ProviderProtocols.MaxManifestBytes)
                {
                    throw new ProviderPublishException($"{name} is {file.Length} bytes; a manifest has at most {ProviderProtocols.MaxManifestBytes}.");
                }

                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer, cancellationToken);
                fromManifest = ProviderProtocols.FromManifest(buffer.ToArray(), name);
                continue;
            }

            if (name.Contains("SHA256SUMS", StringComparison.Ordinal))
            {
                throw new ProviderPublishException($"{name}: don't upload checksums or signatures; Stratus writes SHA256SUMS for the zips and signs it with the organization's key.");
            }

            // The file name is checked (and named in any refusal) when the store parses it.
            packages.Add(new ProviderPackageUpload(name, file.OpenReadStream()));
        }

        var field = form[ProtocolsField];
        var protocols = field.Count > 0 ? ProviderProtocols.Parse(field.Select(v => v ?? ""), $"'{ProtocolsField}'") : fromManifest ?? ProviderProtocols.Default;
        return (packages, protocols);
    }
}
