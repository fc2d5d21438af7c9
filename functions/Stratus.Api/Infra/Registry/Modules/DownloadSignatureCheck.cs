namespace Stratus.Api.Infra.Registry.Modules;

/// <summary>What a signed download link's check found.</summary>
internal enum DownloadSignatureCheck
{
    Valid,

    /// <summary>Signed by Stratus for this archive, but past its expiry.</summary>
    Expired,

    /// <summary>Not signed by Stratus for this archive (altered, for another archive, or no signature).</summary>
    Invalid,
}
