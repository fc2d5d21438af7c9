using System.Net;
using Microsoft.Extensions.Options;

namespace Stratus.Api.Api;

/// <summary>The checks data annotations cannot express; each failure names the setting and what to put there.</summary>
internal sealed class ApiOptionsValidator : IValidateOptions<ApiOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.KnownProxies.Count; i++)
        {
            if (!IPAddress.TryParse(options.KnownProxies[i], out _))
            {
                failures.Add($"Stratus:Api:KnownProxies:{i} ('{options.KnownProxies[i]}') is not an IP address, e.g. 10.0.0.4 or fd00::4.");
            }
        }

        for (var i = 0; i < options.KnownNetworks.Count; i++)
        {
            if (!IPNetwork.TryParse(options.KnownNetworks[i], out _))
            {
                failures.Add($"Stratus:Api:KnownNetworks:{i} ('{options.KnownNetworks[i]}') is not an address range in CIDR notation, e.g. 10.0.0.0/24.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
