using System.Net;
using Microsoft.Extensions.Options;

namespace Stratus.Api.Api;

/// <summary>
/// Which <c>X-Forwarded-For</c> headers say who the client is: only those from <see cref="ApiOptions.KnownProxies"/> or
/// <see cref="ApiOptions.KnownNetworks"/>, walked back through a chain of them to the first address that is not one.
/// ASP.NET Core's defaults trust loopback (and empty lists trust everyone); this trusts nothing unless configured,
/// since the standalone host is reached directly and a header anyone can send must not choose the address the sign-in
/// throttle counts.
/// </summary>
/// <remarks>
/// The options are built here and handed to the middleware, not registered as the app's
/// <see cref="ForwardedHeadersOptions"/>: the Azure Functions worker applies those itself to the Functions host's
/// headers (trusting loopback, where the host connects from) before this pipeline runs, and must keep doing so.
/// </remarks>
internal static class TrustedProxies
{
    /// <summary>Adds the forwarded-headers middleware for the configured proxies, or nothing when there are none.</summary>
    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app)
    {
        // With no known proxy or network the middleware trusts every sender, so it must not run at all then.
        var options = app.ApplicationServices.GetRequiredService<IOptions<ApiOptions>>().Value;
        return options.KnownProxies.Count == 0 && options.KnownNetworks.Count == 0 ? app : app.UseForwardedHeaders(ForwardedHeaders(options));
    }

    private static ForwardedHeadersOptions ForwardedHeaders(ApiOptions options)
    {
        var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor, ForwardLimit = null };
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        foreach (var proxy in options.KnownProxies)
        {
            forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
        }

        foreach (var network in options.KnownNetworks)
        {
            forwarded.KnownIPNetworks.Add(IPNetwork.Parse(network));
        }

        return forwarded;
    }
}
