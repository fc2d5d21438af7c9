using System.ComponentModel.DataAnnotations;

namespace Stratus.Api.Api;

/// <summary>HTTP API settings, bound from <c>Stratus:Api</c>.</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Stratus:Api";

    /// <summary>The largest request body accepted unless an endpoint declares its own limit; larger bodies get 413.</summary>
    [Range(1024, long.MaxValue, ErrorMessage = "Stratus:Api:MaxRequestBodyBytes must be at least 1024.")]
    public long MaxRequestBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// Addresses of reverse proxies whose <c>X-Forwarded-For</c> names the client (e.g. <c>10.0.0.4</c>). None by
    /// default: a header from anyone else is ignored, so callers cannot choose their own address.
    /// </summary>
    public IList<string> KnownProxies { get; } = [];

    /// <summary>Address ranges of such proxies, in CIDR notation (e.g. <c>10.0.0.0/24</c>).</summary>
    public IList<string> KnownNetworks { get; } = [];
}
