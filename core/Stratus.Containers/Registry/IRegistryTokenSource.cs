namespace Stratus.Containers.Registry;

/// <summary>
/// A hook that supplies bearer tokens instead of the Docker token flow (GET realm?service=…&amp;scope=… with Basic
/// credentials). <see cref="RegistryClient"/> asks it first whenever a registry answers 401 with a Bearer challenge;
/// returning null falls back to the Docker flow with the client's <see cref="RegistryCredentials"/>.
/// </summary>
/// <remarks>
/// Azure Container Registry with Entra ID (managed identity) is the case this exists for. An implementation would:
/// <list type="number">
/// <item>get an Entra access token for <c>https://containerregistry.azure.net/.default</c> (Azure.Identity);</item>
/// <item>POST <c>https://&lt;registry&gt;/oauth2/exchange</c> as <c>application/x-www-form-urlencoded</c> with
/// <c>grant_type=access_token</c>, <c>service=&lt;registry&gt;</c>, <c>access_token=&lt;AAD token&gt;</c> (and
/// <c>tenant</c> if needed) and read <c>refresh_token</c> from the JSON answer (an ACR refresh token, valid about 3 hours:
/// cache it per registry);</item>
/// <item>POST <c>https://&lt;registry&gt;/oauth2/token</c> with <c>grant_type=refresh_token</c>,
/// <c>service=&lt;request.Service&gt;</c>, one <c>scope=</c> per <see cref="RegistryTokenRequest.Scopes"/> entry and
/// <c>refresh_token=&lt;the refresh token&gt;</c>, and return its <c>access_token</c> with an expiry (ACR access tokens
/// last about 75 minutes; decode the JWT's <c>exp</c> or assume less).</item>
/// </list>
/// The client caches the returned token per registry and scope until <see cref="RegistryToken.ExpiresAt"/>.
/// </remarks>
public interface IRegistryTokenSource
{
    Task<RegistryToken?> GetTokenAsync(RegistryTokenRequest request, CancellationToken cancellationToken);
}
