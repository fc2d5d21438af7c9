using Stratus.Api.Api.Validation;

namespace Stratus.Api.Apps.Certificates;

/// <summary>Tsuru's <c>cname cert-issuer set</c>: the cert-manager ClusterIssuer that gets the cname's certificate.</summary>
internal sealed record CertIssuerRequest([property: Text(InputLimits.CName)] string? Cname, [property: Text(InputLimits.CName)] string? Issuer);
