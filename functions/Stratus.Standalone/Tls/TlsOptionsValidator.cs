using Microsoft.Extensions.Options;

namespace Stratus.Standalone.Tls;

/// <summary>Refuses host names a certificate can't carry, at start rather than at the first HTTPS connection.</summary>
internal sealed class TlsOptionsValidator : IValidateOptions<TlsOptions>
{
    public ValidateOptionsResult Validate(string? name, TlsOptions options)
    {
        var bad = options.HostNames.Where(h => string.IsNullOrWhiteSpace(h) || Uri.CheckHostName(h.Trim()) == UriHostNameType.Unknown).ToList();
        return bad.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Stratus:Tls:HostNames holds {string.Join(", ", bad.Select(b => $"'{b}'"))}, which is not a DNS name or an IP address; give names like 'stratus.example.test' or '10.0.0.5'.");
    }
}
