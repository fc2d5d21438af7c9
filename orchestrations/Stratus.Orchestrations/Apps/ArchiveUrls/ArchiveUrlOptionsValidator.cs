using System.Net;
using Microsoft.Extensions.Options;

namespace Stratus.Orchestrations.Apps.ArchiveUrls;

/// <summary>Refuses a start with an allow-list entry that cannot be what it says, naming the setting.</summary>
internal sealed class ArchiveUrlOptionsValidator : IValidateOptions<ArchiveUrlOptions>
{
    public ValidateOptionsResult Validate(string? name, ArchiveUrlOptions options)
    {
        var problems = new List<string>();
        for (var i = 0; i < options.AllowedNetworks.Count; i++)
        {
            if (!IPNetwork.TryParse(options.AllowedNetworks[i], out _))
            {
                problems.Add($"{ArchiveUrlOptions.SectionName}:AllowedNetworks:{i} ('{options.AllowedNetworks[i]}') is not a network in CIDR form such as 10.20.0.0/16 or fd00:1::/64.");
            }
        }

        for (var i = 0; i < options.AllowedHosts.Count; i++)
        {
            var host = options.AllowedHosts[i];
            if (string.IsNullOrWhiteSpace(host) || host.Contains('/', StringComparison.Ordinal) || host.Contains(':', StringComparison.Ordinal) && !IPAddress.TryParse(host.Trim('[', ']'), out _))
            {
                problems.Add($"{ArchiveUrlOptions.SectionName}:AllowedHosts:{i} ('{host}') is not a host name or IP address; give the host alone, without scheme, port or path.");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
