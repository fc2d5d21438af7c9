using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

namespace Stratus.Client;

/// <summary>
/// Makes a <see cref="StratusApiClient"/> for a Stratus at <c>baseUrl</c> (the API's root, e.g.
/// <c>http://127.0.0.1:7071</c>), sending <c>token</c> when one is given:
/// <code>
/// var stratus = StratusClientFactory.Create(new Uri("https://stratus.example.com"), token);
/// var page = await stratus.Api.V1.Organizations["acme"].Workspaces.GetAsync();
/// </code>
/// </summary>
public static class StratusClientFactory
{
    /// <summary>
    /// A client on <paramref name="httpClient"/> (yours, with its handler, timeout and headers) or on one of Kiota's
    /// own (retries, redirects) when none is given. The caller disposes a client it passed.
    /// </summary>
    public static StratusApiClient Create(Uri baseUrl, string? token, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        IAuthenticationProvider authentication = string.IsNullOrEmpty(token) ? new AnonymousAuthenticationProvider() : new ApiTokenAuthenticationProvider(token);
#pragma warning disable CA2000 // The adapter owns the HttpClient it makes itself, and never disposes one it is given.
        var adapter = new HttpClientRequestAdapter(authentication, httpClient: httpClient)
        {
            BaseUrl = baseUrl.ToString().TrimEnd('/'),
        };
#pragma warning restore CA2000
        return new StratusApiClient(adapter);
    }
}
