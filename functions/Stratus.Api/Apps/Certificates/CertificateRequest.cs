using Stratus.Api.Api.Validation;

namespace Stratus.Api.Apps.Certificates;

/// <summary>Tsuru's <c>certificate set</c>: a cname's certificate chain and private key, both PEM.</summary>
internal sealed record CertificateRequest(
    [property: Text(InputLimits.CName)] string? Cname,
    [property: Text(AppCertificatesApi.MaxPemChars, Kind = TextKind.MultiLine)] string? Certificate,
    [property: Text(AppCertificatesApi.MaxPemChars, Kind = TextKind.MultiLine)] string? Key);
